package dev.assocrec.contract;

import java.util.List;

/**
 * The one definition of pooling weights, used by training (to form the user vectors it learns from)
 * and by serving (to form the vector it scores with). The pooled vector is the weight-normalised sum
 * Σ wᵢ·context[itemᵢ] / Σ wᵢ; the normalisation lives in the ONNX graph and in {@link ReferenceScorer}.
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
}
