package dev.assocrec.training.cli;

import dev.assocrec.store.ModelStore;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rollback", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Point the store's current version at an earlier version, and pin it.",
            "",
            "The stored copy of that version is verified first; serving picks it up",
            "on its next pointer check. Run 'versions' to see what is stored.",
            "While pinned, training runs store their versions without making them",
            "current; 'unpin' (or 'train --force') releases the pin.",
            "",
            "Example:",
            "  rollback --store s3://shop-models --to 20261127-020000"})
final class RollbackCommand extends StoreCommand {
    @Option(names = "--to", paramLabel = "VERSION", required = true, description = "The version to make current.")
    String version;

    @Override
    void checkOptions() throws Exception {
        StoreTarget.requireValidVersion("--to", version);
    }

    @Override
    int run(ModelStore target, PrintWriter out) throws Exception {
        StoreTarget.requireStored(target, version);
        String before = target.currentVersion().orElse("none");
        target.pinCurrent(version, "rollback by " + System.getProperty("user.name", "unknown"));
        out.printf("current version of %s: %s -> %s (verified); pinned: training runs keep it until "
                + "'unpin --store %s' or 'train --force'%n", target.location(), before, version, store.location);
        return AssocrecCli.EXIT_OK;
    }
}
