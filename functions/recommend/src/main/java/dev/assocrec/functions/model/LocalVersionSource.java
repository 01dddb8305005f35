package dev.assocrec.functions.model;

import dev.assocrec.contract.ArtifactLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A model store on the local file system: {@code <root>/models/<version>/…} and {@code <root>/models/current}. */
final class LocalVersionSource implements VersionSource {
    private final Path root;

    LocalVersionSource(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String currentVersion() throws IOException {
        Path pointer = root.resolve(ArtifactLayout.CURRENT_POINTER);
        try {
            String version = Files.readString(pointer, StandardCharsets.UTF_8).trim();
            return ArtifactLayout.requireValidVersion(version);
        } catch (NoSuchFileException e) {
            throw new IOException(pointer + " does not exist: no model has been published to " + root, e);
        } catch (IllegalArgumentException e) {
            throw new IOException(pointer + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path fetchVerified(String version) throws IOException {
        Path dir = root.resolve(ArtifactLayout.MODELS_PREFIX).resolve(ArtifactLayout.requireValidVersion(version));
        VersionVerifier.verify(dir, version);
        return dir;
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
