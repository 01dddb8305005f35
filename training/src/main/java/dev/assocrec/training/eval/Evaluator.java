package dev.assocrec.training.eval;

import dev.assocrec.training.util.Parallel;
import dev.assocrec.contract.TopK;

/**
 * Full-ranking evaluation: every item is scored, the user's known items are masked, the top 20
 * are compared with the held-out items. Scoring runs in batches; ranking is spread over all cores.
 */
public final class Evaluator {
    public static final int MAX_K = 20;
    private final int itemCount;
    private final int batchSize;

    public Evaluator(int itemCount, int batchSize) {
        this.itemCount = itemCount;
        this.batchSize = batchSize;
    }

    public Evaluator(int itemCount) {
        this(itemCount, Math.max(16, Math.min(1024, (int) (64_000_000L / Math.max(1, itemCount)))));
    }

    public Metrics evaluate(Scorer scorer, EvalTask task) {
        RankingMetrics total = new RankingMetrics();
        float[] scores = new float[batchSize * itemCount];
        for (int from = 0; from < task.size(); from += batchSize) {
            int to = Math.min(task.size(), from + batchSize);
            scorer.score(task.histories().subList(from, to), scores);
            int[][] ranked = new int[to - from][];
            final int base = from;
            Parallel.forChunks(to - from, 32, () -> {
                TopK top = new TopK(MAX_K);
                return (a, b) -> {
                    for (int r = a; r < b; r++) {
                        ranked[r] = rank(scores, r, task.masked()[base + r], top);
                    }
                };
            });
            for (int r = 0; r < ranked.length; r++) {
                total.add(ranked[r], task.heldOut()[from + r]);
            }
        }
        return total.result();
    }

    private int[] rank(float[] scores, int row, int[] masked, TopK top) {
        int offset = row * itemCount;
        for (int m : masked) {
            scores[offset + m] = Float.NEGATIVE_INFINITY;
        }
        top.reset();
        for (int j = 0; j < itemCount; j++) {
            float s = scores[offset + j];
            if (s > top.threshold() || top.size() < MAX_K) {
                if (s != Float.NEGATIVE_INFINITY) {
                    top.offer(j, s);
                }
            }
        }
        return top.drainBestFirst();
    }
}
