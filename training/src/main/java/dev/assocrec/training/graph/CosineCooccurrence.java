package dev.assocrec.training.graph;

import dev.assocrec.training.util.Parallel;
import dev.assocrec.training.util.Progress;
import dev.assocrec.contract.TopK;
import java.util.List;

/**
 * Cosine similarity between the item columns of a weighted user × item matrix, keeping the top-K
 * neighbours of each item: sim(i, j) = Σᵤ wᵤᵢ·wᵤⱼ / √(Σᵤ wᵤᵢ² · Σᵤ wᵤⱼ²). Cost is Σᵤ |itemsᵤ|²,
 * spread over all cores with one dense accumulator per thread.
 */
public final class CosineCooccurrence {
    private CosineCooccurrence() {}

    /**
     * @param userItems   distinct item indices per user (or per basket / session)
     * @param userWeights weight per entry of {@code userItems}, or null for all ones
     */
    public static CsrMatrix topK(List<int[]> userItems, List<float[]> userWeights, int itemCount, int topK,
                                 String task, boolean progress) {
        CsrMatrix userByItem = userItemMatrix(userItems, userWeights, itemCount);
        CsrMatrix itemByUser = userByItem.transpose();
        double[] norm = new double[itemCount];
        for (int i = 0; i < itemCount; i++) {
            double s = 0;
            for (int k = itemByUser.rowStart(i); k < itemByUser.rowEnd(i); k++) {
                s += (double) itemByUser.valueAt(k) * itemByUser.valueAt(k);
            }
            norm[i] = Math.sqrt(s);
        }
        int[][] cols = new int[itemCount][];
        float[][] vals = new float[itemCount][];
        try (Progress.Task bar = Progress.bars(progress).start(task, itemCount)) {
            Parallel.forChunks(itemCount, 256, () -> {
                float[] acc = new float[itemCount];
                int[] touched = new int[itemCount];
                TopK best = new TopK(topK);
                float[] scoreBuf = new float[topK];
                return (from, to) -> {
                    for (int i = from; i < to; i++) {
                        int nTouched = 0;
                        for (int k = itemByUser.rowStart(i); k < itemByUser.rowEnd(i); k++) {
                            int u = itemByUser.colAt(k);
                            float wi = itemByUser.valueAt(k);
                            for (int q = userByItem.rowStart(u); q < userByItem.rowEnd(u); q++) {
                                int j = userByItem.colAt(q);
                                if (j == i) {
                                    continue;
                                }
                                if (acc[j] == 0f) {
                                    touched[nTouched++] = j;
                                }
                                acc[j] += wi * userByItem.valueAt(q);
                            }
                        }
                        best.reset();
                        for (int t = 0; t < nTouched; t++) {
                            int j = touched[t];
                            float sim = (float) (acc[j] / (norm[i] * norm[j]));
                            acc[j] = 0f;
                            if (sim > 0f) {
                                best.offer(j, sim);
                            }
                        }
                        int n = best.size();
                        cols[i] = best.drainBestFirst(scoreBuf);
                        vals[i] = java.util.Arrays.copyOf(scoreBuf, n);
                    }
                    bar.step(to - from);
                };
            });
        }
        return CsrMatrix.ofRows(itemCount, cols, vals);
    }

    static CsrMatrix userItemMatrix(List<int[]> userItems, List<float[]> userWeights, int itemCount) {
        int[][] cols = new int[userItems.size()][];
        float[][] vals = new float[userItems.size()][];
        for (int u = 0; u < cols.length; u++) {
            int[] items = userItems.get(u);
            cols[u] = items;
            if (userWeights == null) {
                vals[u] = new float[items.length];
                java.util.Arrays.fill(vals[u], 1f);
            } else {
                vals[u] = userWeights.get(u);
            }
            for (int i : items) {
                if (i < 0 || i >= itemCount) {
                    throw new IllegalArgumentException("user " + u + " has item index " + i + " outside [0, " + itemCount + ")");
                }
            }
        }
        return CsrMatrix.ofRows(itemCount, cols, vals);
    }
}
