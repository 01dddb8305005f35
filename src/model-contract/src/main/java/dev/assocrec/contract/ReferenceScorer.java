package dev.assocrec.contract;

import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * Plain-Java pooled-vector scoring with exactly the semantics of the ONNX graph: the reference that
 * the exported model and the serving path are tested against, and a fallback scorer.
 */
public final class ReferenceScorer {
    private final EmbeddingTable context;
    private final EmbeddingTable target;

    public ReferenceScorer(EmbeddingTable context, EmbeddingTable target) {
        if (context.rows() != target.rows() || context.dims() != target.dims()) {
            throw new IllegalArgumentException("context table " + context.rows() + "x" + context.dims()
                    + " does not match target table " + target.rows() + "x" + target.dims());
        }
        this.context = context;
        this.target = target;
    }

    /** The context table (attention pooling weighs history entries by their rows: {@link HistoryPooling#weights}). */
    public EmbeddingTable context() {
        return context;
    }

    /** Σ wᵢ·context[itemᵢ] / Σ wᵢ ({@link HistoryPooling#pool}); all-zero weights give the zero vector. */
    public float[] pool(int[] items, float[] weights) {
        return HistoryPooling.pool(context, items, weights);
    }

    public float score(float[] pooled, int item) {
        int d = target.dims();
        float[] t = target.data();
        int base = item * d;
        float s = 0;
        for (int j = 0; j < d; j++) {
            s += pooled[j] * t[base + j];
        }
        return s;
    }

    /** Contribution of history entry i to the score of {@code item}; these sum to the item's score. */
    public float contribution(int historyItem, float normalisedWeight, int item) {
        int d = context.dims();
        float[] c = context.data();
        float[] t = target.data();
        int cb = historyItem * d;
        int tb = item * d;
        float s = 0;
        for (int j = 0; j < d; j++) {
            s += c[cb + j] * t[tb + j];
        }
        return normalisedWeight * s;
    }

    /** Top k items by score, history excluded, ties broken by the lower index. */
    public Ranked topK(int[] history, float[] weights, int k) {
        BitSet excluded = new BitSet(target.rows());
        for (int h : history) {
            excluded.set(h);
        }
        return topK(pool(history, weights), k, i -> !excluded.get(i));
    }

    /** Top k items among those the filter accepts. */
    public Ranked topK(float[] pooled, int k, IntPredicate accept) {
        int n = target.rows();
        TopK top = new TopK(Math.max(0, Math.min(k, n)));
        for (int i = 0; i < n; i++) {
            if (accept.test(i)) {
                top.offer(i, score(pooled, i));
            }
        }
        float[] scores = new float[top.size()];
        int[] items = top.drainBestFirst(scores);
        return new Ranked(items, scores);
    }

    /** Items best first with their scores. */
    public record Ranked(int[] items, float[] scores) {}
}
