package dev.assocrec.training.cli;

import dev.assocrec.store.ModelStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that manages one store's versions ({@code --store}): opens it, runs, closes it. */
abstract class StoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    /** Checks of the options that need no store; throw {@link dev.assocrec.training.ingest.BadInputException}. */
    void checkOptions() throws Exception {}

    abstract int run(ModelStore target, PrintWriter out) throws Exception;

    @Override
    public final Integer call() throws Exception {
        checkOptions();
        try (ModelStore target = store.open()) {
            return run(target, spec.commandLine().getOut());
        }
    }
}
