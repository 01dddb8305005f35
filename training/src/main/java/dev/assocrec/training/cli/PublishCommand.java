package dev.assocrec.training.cli;

import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.store.ModelStore;
import dev.assocrec.store.StorePin;
import dev.assocrec.training.ingest.BadInputException;
import dev.assocrec.training.util.CommandName;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "publish", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Publish a model version folder to a store and make it current.",
            "",
            "The folder is verified against its manifest, uploaded, verified again as",
            "stored, and only then does the store's current pointer move to it.",
            "While a rollback pins current, publish refuses (exit 2) unless --force,",
            "which publishes and releases the pin.",
            "",
            "Example:",
            "  ${ROOT-COMMAND-NAME} publish --store s3://shop-models exported/20261128-183000"})
final class PublishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "STORE", required = true,
            description = "Model store to publish to: a directory or s3://bucket/prefix.")
    String store;

    @Option(names = "--force", description = "Publish even though a rollback pinned current, and release the pin.")
    boolean force;

    @Parameters(index = "0", paramLabel = "VERSION_DIR", description = "A model version folder (with manifest.json).")
    Path versionDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelVersion local;
        try {
            local = ModelVersion.load(versionDir);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(versionDir + ": not a valid model version folder: " + e.getMessage());
        }
        String version = local.version();
        try (ModelStore target = StoreTarget.open("--store", store)) {
            if (target.listVersions().contains(version) && !target.readManifest(version).equals(local.manifest())) {
                throw new BadInputException("version " + version + " is already in the store " + target.location()
                        + " with different content; re-export under a new version name");
            }
            Optional<StorePin> pin = target.pin();
            if (pin.isPresent() && !force) {
                throw new BadInputException("current is pinned to " + pin.get().version() + " in " + target.location()
                        + " (" + pin.get().by() + "); '" + CommandName.of("unpin") + " --store " + store
                        + "' releases the pin; '" + CommandName.of("publish") + " --force' publishes and releases it");
            }
            String before = target.currentVersion().orElse("none");
            Manifest published = target.publish(versionDir);
            // Released only once the new version is current: a failed publish leaves the pinned version serving.
            if (pin.isPresent()) {
                target.unpin();
            }
            out.printf("published version %s to %s (%,d items x %d dims, verified); current: %s -> %s%s%n",
                    published.version(), target.location(), published.itemCount(), published.dimensions(), before,
                    published.version(), pin.map(p -> "; the pin on " + p.version() + " is released").orElse(""));
        }
        return AssocrecCli.EXIT_OK;
    }
}
