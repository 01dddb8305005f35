package dev.assocrec.bench;

import dev.assocrec.contract.LocalFiles;
import dev.assocrec.contract.export.SyntheticVersions;
import dev.assocrec.store.LocalModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Publishes a seeded model (600 catalogue items × 16 dims, the functions' test size, written by the contract's writer) into
 * a local model store, for running the functions locally without a training run.
 * Argument: the store directory.
 */
public final class DemoStore {
    private DemoStore() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "target/demo-store").toAbsolutePath();
        Path staging = Files.createTempDirectory("assocrec-version-");
        try (LocalModelStore store = new LocalModelStore(root)) {
            store.publish(SyntheticVersions.write(staging.resolve("demo-v1"), "demo-v1", 600, 16, 11).dir());
        } finally {
            LocalFiles.deleteTree(staging);
        }
        System.out.println("published demo-v1 to " + root + "; serve it with -Dassocrec.model.location=" + root);
    }
}
