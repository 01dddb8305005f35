package dev.assocrec.contract;

import java.util.Arrays;
import java.util.List;

/**
 * The one pooling: the weights of a history's entries ({@link #weights}) and the pooled vector
 * Σ wᵢ·context[itemᵢ] / Σ wᵢ ({@link #pool}). Serving ({@link ReferenceScorer}, the functions' Java path)
 * and training's evaluation call these; the two batched tensor forms, the ONNX graph (weighted sum, then
 * the division) and the training loss (a sparse matrix of {@link #normalised} weights times the table),
 * are proven equal to {@link #pool} within float rounding by property tests over random histories
 * (OnnxScoringGraphTest, ExampleSamplerTest).
 */
public final class HistoryPooling {
    private HistoryPooling() {}

    /** Weights for the given entries, in order. The newest entry (largest time) is the recency anchor. */
    public static float[] weights(List<HistoryEntry> history, PoolingConfig config) {
        float[] w = new float[history.size()];
        double newest = Double.NEGATIVE_INFINITY;
        boolean recency = config.mode() == PoolingConfig.Mode.WEIGHTED && config.recencyHalfLife() > 0;
        if (recency) {
            for (HistoryEntry e : history) {
                if (!Double.isNaN(e.time())) {
                    newest = Math.max(newest, e.time());
                }
            }
        }
        for (int i = 0; i < w.length; i++) {
            HistoryEntry e = history.get(i);
            double weight = config.eventWeight(e.eventType()) * e.extraWeight();
            if (recency && !Double.isNaN(e.time())) {
                weight *= Math.pow(0.5, (newest - e.time()) / config.recencyHalfLife());
            }
            w[i] = (float) weight;
        }
        return w;
    }

    /**
     * Σ wᵢ·context[itemᵢ] / Σ wᵢ into {@code out[offset, offset + dims)}; all-zero weights give the zero
     * vector. Repeated items count once per occurrence. Float products summed in history order, the
     * total in double, then one multiplication by its inverse.
     */
    public static void pool(EmbeddingTable context, int[] items, float[] weights, float[] out, int offset) {
        if (items.length != weights.length) {
            throw new IllegalArgumentException(items.length + " items but " + weights.length + " weights");
        }
        int d = context.dims();
        float[] c = context.data();
        Arrays.fill(out, offset, offset + d, 0f);
        double total = 0;
        for (int i = 0; i < items.length; i++) {
            float w = weights[i];
            total += w;
            int base = items[i] * d;
            for (int j = 0; j < d; j++) {
                out[offset + j] += w * c[base + j];
            }
        }
        if (total > 0) {
            float inv = (float) (1.0 / total);
            for (int j = 0; j < d; j++) {
                out[offset + j] *= inv;
            }
        }
    }

    public static float[] pool(EmbeddingTable context, int[] items, float[] weights) {
        float[] pooled = new float[context.dims()];
        pool(context, items, weights, pooled, 0);
        return pooled;
    }

    /** wᵢ / Σ w (all zero when Σ w is 0): the rows of the training loss's pooling matrix. */
    public static float[] normalised(float[] weights) {
        double total = 0;
        for (float w : weights) {
            total += w;
        }
        float[] out = new float[weights.length];
        if (total > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (weights[i] / total);
            }
        }
        return out;
    }
}
