package dev.assocrec.training.eval;

import java.util.Locale;

/**
 * The quality gate's figures and its verdict: candidate, serving version (if any) and popularity,
 * all NDCG@20 on one test split.
 *
 * @param serving the serving version on the same split, or null when the store has no current version
 */
public record GateVerdict(String candidateVersion, Metrics candidate, Metrics popularity, Serving serving,
                          double tolerance) {

    /** The version that serves now and its metrics on the candidate's test split. */
    public record Serving(String version, Metrics metrics) {}

    /** The NDCG@20 the candidate must reach: the serving version's less the tolerance; NaN without one. */
    public double threshold() {
        return serving == null ? Double.NaN : serving.metrics().ndcg20() * (1 - tolerance);
    }

    public boolean reachesServing() {
        return serving == null || candidate.ndcg20() >= threshold();
    }

    public boolean beatsPopularity() {
        return candidate.ndcg20() > popularity.ndcg20();
    }

    public boolean passed() {
        return reachesServing() && beatsPopularity();
    }

    /**
     * The comparison in one sentence, e.g. {@code candidate v2 NDCG@20 0.0412 < serving v1 0.0630 x (1 - 0.02)
     * = 0.0617 and > popularity 0.0100}.
     */
    public String comparison() {
        String popularityPart = String.format(Locale.ROOT, "%s popularity %.4f", beatsPopularity() ? ">" : "<=",
                popularity.ndcg20());
        String head = String.format(Locale.ROOT, "candidate %s NDCG@20 %.4f", candidateVersion, candidate.ndcg20());
        if (serving == null) {
            return head + " " + popularityPart + " (no serving version to compare with)";
        }
        return head + String.format(Locale.ROOT, " %s serving %s %.4f x (1 - %s) = %.4f and %s",
                reachesServing() ? ">=" : "<", serving.version(), serving.metrics().ndcg20(), plain(tolerance),
                threshold(), popularityPart);
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
