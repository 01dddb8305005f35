package dev.assocrec.training.eval;

import java.util.Locale;
import java.util.Map;

/**
 * Whether a newly trained candidate may replace the serving version: its test NDCG@20 must reach the
 * serving version's (scored on the same split) less a tolerance, and beat popularity from the same
 * run. The tolerance absorbs run-to-run noise so that retraining on fresh data is not blocked by a
 * hair's difference, while a clearly worse model never goes live by itself.
 *
 * @param tolerance share of the serving version's NDCG@20 the candidate may fall short by, 0..1
 */
public record QualityGate(double tolerance) {
    /** Two percent: well above the run-to-run spread of a fixed-seed retrain, well below a real regression. */
    public static final double DEFAULT_TOLERANCE = 0.02;

    public QualityGate {
        if (!(tolerance >= 0 && tolerance <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "must be between 0 and 1 (a share of the serving version's NDCG@20), was %s", tolerance));
        }
    }

    /**
     * @param candidateRun the candidate's comparison on the test split: "gcn" and "popularity" rows
     * @param serving      the serving version scored on the same split, or null when nothing serves yet
     */
    public GateVerdict judge(String candidateVersion, Map<String, Metrics> candidateRun, GateVerdict.Serving serving) {
        Metrics candidate = require(candidateRun, "gcn");
        Metrics popularity = require(candidateRun, "popularity");
        return new GateVerdict(candidateVersion, candidate, popularity, serving, tolerance);
    }

    private static Metrics require(Map<String, Metrics> run, String model) {
        Metrics m = run.get(model);
        if (m == null) {
            throw new IllegalArgumentException("the evaluation has no " + model + " row: " + run.keySet());
        }
        return m;
    }
}
