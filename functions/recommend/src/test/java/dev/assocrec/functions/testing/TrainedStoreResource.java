package dev.assocrec.functions.testing;

import dev.assocrec.store.LocalModelStore;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A local model store whose v1 is a GCN trained by the training module on a small planted shop. */
public class TrainedStoreResource implements QuarkusTestResourceLifecycleManager {
    private Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("assocrec-trained-store-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (LocalModelStore store = new LocalModelStore(root)) {
            TestModels.publish(store, "v1", 11, true);
        }
        return Map.of("assocrec.model.location", root.toString());
    }

    @Override
    public void stop() {
        TestFiles.deleteTree(root);
    }
}
