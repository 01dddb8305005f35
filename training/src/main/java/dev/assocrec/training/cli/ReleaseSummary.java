package dev.assocrec.training.cli;

import dev.assocrec.training.pipeline.PublishedRun;
import dev.assocrec.training.pipeline.ReleaseDecision;
import java.io.PrintWriter;

/** What a training run did with its version, in one console line, and the exit code that goes with it. */
final class ReleaseSummary {
    private ReleaseSummary() {}

    static void print(PrintWriter out, PublishedRun run) {
        String version = run.manifest().version();
        if (run.decision().movesCurrent()) {
            out.printf("published version %s to %s; current = %s%n", version, run.storeLocation(), version);
        } else {
            out.printf("stored version %s in %s (%s); current stays %s%n", version, run.storeLocation(),
                    run.decision().outcome().description(), run.decision().servingBefore());
        }
    }

    /** A failed gate is exit 3 so that a scheduler alarms; a pin is an operator's choice, so it is exit 0. */
    static int exitCode(PublishedRun run) {
        return run.decision().outcome() == ReleaseDecision.Outcome.HELD_BY_GATE ? AssocrecCli.EXIT_NOT_PUBLISHED
                : AssocrecCli.EXIT_OK;
    }
}
