package dev.assocrec.store;

import dev.assocrec.contract.LocalFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A model store in a local (or mounted) directory. Every file is written to a hidden temporary
 * sibling and renamed into place, so readers never see a partial file, and the pointer is replaced
 * with one atomic rename.
 */
public class LocalModelStore extends AbstractModelStore {
    private final Path root;

    public LocalModelStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() { return root; }

    @Override
    public String location() { return root.toString(); }

    @Override
    protected void put(String key, Path source) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            LocalFiles.writeAtomically(resolve(key), in);
        }
    }

    @Override
    protected void putAtomically(String key, byte[] content) throws IOException {
        LocalFiles.writeAtomically(resolve(key), new ByteArrayInputStream(content));
    }

    @Override
    protected Optional<InputStream> get(String key) throws IOException {
        Path file = resolve(key);
        return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
    }

    @Override
    protected void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    protected List<String> keysUnder(String prefix) throws IOException {
        Path dir = resolve(prefix);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))  // in-flight temporary files
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toList());
        }
    }

    @Override
    protected String describe(String key) {
        return resolve(key).toString();
    }

    private Path resolve(String key) {
        return root.resolve(key);
    }

    @Override
    public void close() {
        // Nothing held open.
    }
}
