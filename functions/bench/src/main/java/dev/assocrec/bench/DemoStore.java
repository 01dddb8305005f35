package dev.assocrec.bench;

import dev.assocrec.functions.testing.TestModels;
import dev.assocrec.store.LocalModelStore;
import java.nio.file.Path;

/**
 * Publishes the functions' test model (600 catalogue items × 16 dims, written by the exporter) into
 * a local model store, for running the functions locally without a training run.
 * Argument: the store directory.
 */
public final class DemoStore {
    private DemoStore() {}

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : "target/demo-store").toAbsolutePath();
        try (LocalModelStore store = new LocalModelStore(root)) {
            TestModels.publish(store, "demo-v1", 11);
        }
        System.out.println("published demo-v1 to " + root + "; serve it with -Dassocrec.model.location=" + root);
    }
}
