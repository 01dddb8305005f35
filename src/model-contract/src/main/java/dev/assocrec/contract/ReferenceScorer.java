package dev.assocrec.contract;

import java.util.Arrays;
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

    /** Σ wᵢ·context[itemᵢ] / Σ wᵢ; all-zero weights give the zero vector. */
    public float[] pool(int[] items, float[] weights) {
        if (items.length != weights.length) {
            throw new IllegalArgumentException(items.length + " items but " + weights.length + " weights");
        }
        int d = context.dims();
        float[] c = context.data();
        float[] pooled = new float[d];
        double total = 0;
        for (int i = 0; i < items.length; i++) {
            float w = weights[i];
            total += w;
            int base = items[i] * d;
            for (int j = 0; j < d; j++) {
                pooled[j] += w * c[base + j];
            }
        }
        if (total > 0) {
            float inv = (float) (1.0 / total);
            for (int j = 0; j < d; j++) {
                pooled[j] *= inv;
            }
        }
        return pooled;
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
        int cap = Math.max(0, Math.min(k, n));
        int[] heapItems = new int[cap];
        float[] heapScores = new float[cap];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (!accept.test(i)) {
                continue;
            }
            float s = score(pooled, i);
            if (size < cap) {
                heapItems[size] = i;
                heapScores[size] = s;
                siftUp(heapItems, heapScores, size++);
            } else if (cap > 0 && better(s, i, heapScores[0], heapItems[0])) {
                heapItems[0] = i;
                heapScores[0] = s;
                siftDown(heapItems, heapScores, size);
            }
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> better(heapScores[a], heapItems[a], heapScores[b], heapItems[b]) ? -1 : 1);
        int[] items = new int[size];
        float[] scores = new float[size];
        for (int i = 0; i < size; i++) {
            items[i] = heapItems[order[i]];
            scores[i] = heapScores[order[i]];
        }
        return new Ranked(items, scores);
    }

    private static boolean better(float s1, int i1, float s2, int i2) {
        return s1 > s2 || (s1 == s2 && i1 < i2);
    }

    // Min-heap on (score, -index): the root is the weakest of the current top k.
    private static void siftUp(int[] items, float[] scores, int pos) {
        while (pos > 0) {
            int parent = (pos - 1) / 2;
            if (!better(scores[parent], items[parent], scores[pos], items[pos])) {
                break;
            }
            swap(items, scores, parent, pos);
            pos = parent;
        }
    }

    private static void siftDown(int[] items, float[] scores, int size) {
        int pos = 0;
        while (true) {
            int l = 2 * pos + 1;
            int r = l + 1;
            int weakest = pos;
            if (l < size && better(scores[weakest], items[weakest], scores[l], items[l])) {
                weakest = l;
            }
            if (r < size && better(scores[weakest], items[weakest], scores[r], items[r])) {
                weakest = r;
            }
            if (weakest == pos) {
                return;
            }
            swap(items, scores, pos, weakest);
            pos = weakest;
        }
    }

    private static void swap(int[] items, float[] scores, int a, int b) {
        int ti = items[a];
        items[a] = items[b];
        items[b] = ti;
        float ts = scores[a];
        scores[a] = scores[b];
        scores[b] = ts;
    }

    /** Items best first with their scores. */
    public record Ranked(int[] items, float[] scores) {}
}
