package dev.assocrec.training.cli;

import dev.assocrec.training.eval.QualityGate;
import dev.assocrec.training.ingest.BadInputException;
import picocli.CommandLine.Option;

/** How a training run may make its version current: the quality gate's tolerance and {@code --force}. */
final class ReleaseOptions {
    @Option(names = "--gate-tolerance", paramLabel = "SHARE", defaultValue = "" + QualityGate.DEFAULT_TOLERANCE,
            description = "Quality gate: the new version becomes current only if its test NDCG@20 is at least the "
                    + "serving version's (scored on the same test split) x (1 - SHARE) and above popularity's; "
                    + "otherwise it is stored, current stays, and the exit code is 3. 0..1. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--force",
            description = "Make the new version current whatever the quality gate says, and release a rollback's pin.")
    boolean force;

    QualityGate gate() throws BadInputException {
        try {
            return new QualityGate(tolerance);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--gate-tolerance: " + e.getMessage());
        }
    }
}
