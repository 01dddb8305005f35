package dev.assocrec.training.cli;

import dev.assocrec.store.ModelStore;
import dev.assocrec.store.StorePin;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(name = "unpin", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Release the pin a rollback put on the current version.",
            "",
            "Current stays where it is; the next training run that passes the quality",
            "gate makes its version current again.",
            "",
            "Example:",
            "  ${ROOT-COMMAND-NAME} unpin --store s3://shop-models"})
final class UnpinCommand extends StoreCommand {
    @Override
    int run(ModelStore target, PrintWriter out) throws Exception {
        Optional<StorePin> removed = target.unpin();
        String current = target.currentVersion().orElse("none");
        if (removed.isEmpty()) {
            out.printf("%s was not pinned; current: %s%n", target.location(), current);
        } else {
            out.printf("unpinned %s (was pinned to %s, %s at %s); current stays %s until a training run passes "
                    + "the quality gate%n", target.location(), removed.get().version(), removed.get().by(),
                    removed.get().pinnedAt(), current);
        }
        return AssocrecCli.EXIT_OK;
    }
}
