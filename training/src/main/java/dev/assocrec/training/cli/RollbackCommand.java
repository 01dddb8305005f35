package dev.assocrec.training.cli;

import dev.assocrec.store.ModelStore;
import dev.assocrec.training.util.CommandName;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rollback", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Point the store's current version at an earlier version, and pin it.",
            "",
            "The stored copy of that version is verified first; serving picks it up",
            "on its next pointer check. '${ROOT-COMMAND-NAME} versions' lists what is stored.",
            "While pinned, training runs store their versions without making them",
            "current; '${ROOT-COMMAND-NAME} unpin' (or 'train --force') releases the pin.",
            "",
            "Example:",
            "  ${ROOT-COMMAND-NAME} rollback --store s3://shop-models --to 20261127-020000"})
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
                + "'%s --store %s' or '%s --force'%n", target.location(), before, version, CommandName.of("unpin"),
                store.location, CommandName.of("train"));
        return AssocrecCli.EXIT_OK;
    }
}
