package dev.assocrec.training.eval;

/** Ranking quality averaged over the users that have held-out items. */
public record Metrics(double recall10, double ndcg10, double hr10, double recall20, double ndcg20, double hr20, int users) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "R@20 %.4f  N@20 %.4f  HR@20 %.4f | R@10 %.4f  N@10 %.4f  HR@10 %.4f  (%d users)",
                recall20, ndcg20, hr20, recall10, ndcg10, hr10, users);
    }
}
