package dev.assocrec.functions.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A model store to which nothing has been published yet. */
public class EmptyStoreResource implements QuarkusTestResourceLifecycleManager {
    private Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("assocrec-empty-store-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("assocrec.model.location", root.toString(), "assocrec.model.check-interval", "10m");
    }

    @Override
    public void stop() {
        TestFiles.deleteTree(root);
    }
}
