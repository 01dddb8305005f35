package dev.assocrec.contract;

import java.util.Arrays;
import java.util.List;

/**
 * The one pooling: the weights of a history's entries ({@link #weights}) and the pooled vector
 * Σ wᵢ·context[itemᵢ] / Σ wᵢ ({@link #pool}). Serving ({@link ReferenceScorer}, the functions' Java path)
 * and training's evaluation call these; the two batched tensor forms, the ONNX graph (weighted sum, then
 * the division) and the training loss (a sparse matrix of {@link #normalised} weights times the table),
 * are proven equal to {@link #pool} within float rounding by property tests over random histories
 * (OnnxScoringGraphTest, ExampleSamplerTest). Attention pooling's weights depend on the context rows, so they
 * come from {@link #weights(List, PoolingConfig, EmbeddingTable)}, once per history: the pooled vector, the
 * graph's input and the explanations all use the same weights.
 */
public final class HistoryPooling {
    private HistoryPooling() {}

    /**
     * Weights for the given entries, in order. The newest entry (largest time) is the recency anchor. Attention
     * needs the context table: use {@link #weights(List, PoolingConfig, EmbeddingTable)}.
     */
    public static float[] weights(List<HistoryEntry> history, PoolingConfig config) {
        if (config.mode() == PoolingConfig.Mode.ATTENTION) {
            throw new IllegalArgumentException("attention pooling weighs entries by their context rows: pass the context table");
        }
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
     * Weights for the given entries: as {@link #weights(List, PoolingConfig)}, or for attention
     * explicitᵢ·exp(eᵢ − max e) with eᵢ = vector·context[itemᵢ] + typeBias[typeᵢ] + recencySlope·ageᵢ (the max over
     * entries of non-zero explicit weight, so the largest weight is its explicit weight and nothing overflows).
     * Pooling these weights ({@link #pool}) is Σ softmax(e + ln explicit)ᵢ·contextᵢ.
     */
    public static float[] weights(List<HistoryEntry> history, PoolingConfig config, EmbeddingTable context) {
        if (config.mode() != PoolingConfig.Mode.ATTENTION) {
            return weights(history, config);
        }
        PoolingConfig.Attention a = config.attention();
        int d = context.dims();
        if (a.vector().size() != d) {
            throw new IllegalArgumentException("pooling.attention.vector has " + a.vector().size()
                    + " values but the context table has " + d + " dimensions");
        }
        float[] vector = a.vectorArray();
        float[] c = context.data();
        double[] ages = ages(history, config);
        double[] logits = new double[history.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            HistoryEntry e = history.get(i);
            if (!(e.extraWeight() > 0)) {
                continue;
            }
            int base = e.itemIndex() * d;
            double dot = 0;
            for (int j = 0; j < d; j++) {
                dot += vector[j] * c[base + j];
            }
            logits[i] = dot + a.bias(e.eventType()) + a.recencySlope() * ages[i];
            max = Math.max(max, logits[i]);
        }
        float[] w = new float[logits.length];
        for (int i = 0; i < w.length; i++) {
            double explicit = history.get(i).extraWeight();
            w[i] = explicit > 0 ? (float) (explicit * Math.exp(logits[i] - max)) : 0f;
        }
        return w;
    }

    /**
     * The history in the forms the scorers read: the weights above, and the raw entries the scoring graph computes
     * the same weights from (explicit weights, event types, ages; {@link OnnxSignature}).
     */
    public static PoolingInputs inputs(List<HistoryEntry> history, PoolingConfig config, EmbeddingTable context) {
        int n = history.size();
        int[] items = new int[n];
        long[] types = new long[n];
        for (int i = 0; i < n; i++) {
            items[i] = history.get(i).itemIndex();
            types[i] = OnnxSignature.eventTypeId(history.get(i).eventType());
        }
        float[] weights = weights(history, config, context);
        if (config.mode() != PoolingConfig.Mode.ATTENTION) {
            return new PoolingInputs(items, weights, weights, types, new float[n], false);
        }
        float[] explicit = new float[n];
        float[] ages = new float[n];
        double[] exactAges = ages(history, config);
        for (int i = 0; i < n; i++) {
            explicit[i] = (float) history.get(i).extraWeight();
            ages[i] = (float) exactAges[i];
        }
        return new PoolingInputs(items, weights, explicit, types, ages, true);
    }

    /**
     * Attention's age of each entry: how far it is behind the newest entry, in the attention's recency unit; 0
     * when its time is unknown. Training's sampler uses the same ages.
     */
    public static double[] ages(List<HistoryEntry> history, PoolingConfig config) {
        double unit = config.attention() == null ? 1 : config.attention().recencyUnit();
        double newest = Double.NEGATIVE_INFINITY;
        for (HistoryEntry e : history) {
            if (!Double.isNaN(e.time())) {
                newest = Math.max(newest, e.time());
            }
        }
        double[] ages = new double[history.size()];
        for (int i = 0; i < ages.length; i++) {
            double t = history.get(i).time();
            ages[i] = Double.isNaN(t) ? 0 : (newest - t) / unit;
        }
        return ages;
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
