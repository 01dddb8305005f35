package dev.assocrec.training.cli;

import dev.assocrec.store.ModelStore;
import dev.assocrec.training.ingest.BadInputException;
import picocli.CommandLine.Option;

/** The {@code --store} option of the commands that manage a store's versions, and opening it. */
final class StoreOption {
    @Option(names = "--store", paramLabel = "STORE", required = true,
            description = "The model store: a directory or s3://bucket/prefix.")
    String location;

    ModelStore open() throws BadInputException {
        return StoreTarget.openExisting("--store", location);
    }
}
