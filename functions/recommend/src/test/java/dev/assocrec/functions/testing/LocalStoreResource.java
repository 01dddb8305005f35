package dev.assocrec.functions.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A fresh local model store with version v1 published, for one test class's application. */
public class LocalStoreResource implements QuarkusTestResourceLifecycleManager {
    private Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("assocrec-store-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestModels.publish(new ModelStoreDir(root), "v1", 11);
        return Map.of("assocrec.model.location", root.toString());
    }

    @Override
    public void stop() {
        TestFiles.deleteTree(root);
    }
}
