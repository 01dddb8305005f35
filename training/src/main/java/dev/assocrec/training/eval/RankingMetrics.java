package dev.assocrec.training.eval;

/**
 * Per-user metrics of one ranked list against a set of held-out items, the protocol of the
 * LightGCN and S3-Rec papers: Recall@K = hits / |held-out|, HR@K = 1 if any hit, NDCG@K with binary
 * relevance and the ideal DCG over min(K, |held-out|) positions. Sums are averaged by {@link #result()}.
 */
public final class RankingMetrics {
    private final double[] sums = new double[6];
    private int users;

    /** Adds one user; {@code ranked} is best first and at least as long as needed for K = 20. */
    public void add(int[] ranked, int[] heldOut) {
        if (heldOut.length == 0) {
            return;
        }
        java.util.Set<Integer> relevant = new java.util.HashSet<>();
        for (int t : heldOut) {
            relevant.add(t);
        }
        int[] ks = {10, 20};
        for (int m = 0; m < ks.length; m++) {
            int k = ks[m];
            int hits = 0;
            double dcg = 0;
            for (int r = 0; r < Math.min(k, ranked.length); r++) {
                if (relevant.contains(ranked[r])) {
                    hits++;
                    dcg += 1.0 / log2(r + 2);
                }
            }
            double idcg = 0;
            for (int r = 0; r < Math.min(k, relevant.size()); r++) {
                idcg += 1.0 / log2(r + 2);
            }
            sums[3 * m] += (double) hits / relevant.size();
            sums[3 * m + 1] += dcg / idcg;
            sums[3 * m + 2] += hits > 0 ? 1 : 0;
        }
        users++;
    }

    public void merge(RankingMetrics other) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += other.sums[i];
        }
        users += other.users;
    }

    public Metrics result() {
        double n = Math.max(1, users);
        return new Metrics(sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n, sums[4] / n, sums[5] / n, users);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
