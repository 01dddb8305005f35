package dev.assocrec.functions.testing;

import dev.assocrec.store.LocalModelStore;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A fresh local model store with version v1 (seeded tables) published, for one test class's application. */
public class LocalStoreResource implements QuarkusTestResourceLifecycleManager {
    private Path root;

    /** Whether v1 is published at all (an empty store when not). */
    protected boolean publishes() {
        return true;
    }

    /** Configuration the application gets besides the store's location. */
    protected Map<String, String> moreConfig() {
        return Map.of();
    }

    /** Whether v1 has planted tables (the structure of a trained GCN) rather than seeded random ones. */
    protected boolean planted() {
        return false;
    }

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("assocrec-store-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (publishes()) {
            try (LocalModelStore store = new LocalModelStore(root)) {
                TestModels.publish(store, "v1", 11, planted());
            }
        }
        Map<String, String> config = new HashMap<>(moreConfig());
        config.put("assocrec.model.location", root.toString());
        return config;
    }

    @Override
    public void stop() {
        TestFiles.deleteTree(root);
    }
}
