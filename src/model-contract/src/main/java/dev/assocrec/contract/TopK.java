package dev.assocrec.contract;

/**
 * Keeps the k best (score, index) pairs offered to it; ties go to the lower index. The one top-k
 * order shared by the served scorer, evaluation and graph building. Reusable: {@link #reset()}
 * between rows to avoid allocation in hot loops.
 */
public final class TopK {
    private final int capacity;
    private final int[] items;
    private final float[] scores;
    private int size;

    public TopK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, was " + k);
        }
        this.capacity = k;
        this.items = new int[k];
        this.scores = new float[k];
    }

    public void reset() { size = 0; }

    public int size() { return size; }

    /** The weakest kept score, or -infinity while fewer than k are kept. */
    public float threshold() {
        return size < capacity ? Float.NEGATIVE_INFINITY : scores[0];
    }

    public void offer(int item, float score) {
        if (size < capacity) {
            items[size] = item;
            scores[size] = score;
            siftUp(size++);
        } else if (capacity > 0 && better(score, item, scores[0], items[0])) {
            items[0] = item;
            scores[0] = score;
            siftDown();
        }
    }

    /** The kept items, best first. Consumes the heap (call reset() before reuse). */
    public int[] drainBestFirst() {
        return drainBestFirst(null);
    }

    /** Like {@link #drainBestFirst()}; also writes the scores, best first, when {@code scoresOut} is not null. */
    public int[] drainBestFirst(float[] scoresOut) {
        int n = size;
        int[] out = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = items[0];
            if (scoresOut != null) {
                scoresOut[i] = scores[0];
            }
            size--;
            items[0] = items[size];
            scores[0] = scores[size];
            siftDown();
        }
        return out;
    }

    private static boolean better(float s1, int i1, float s2, int i2) {
        return s1 > s2 || (s1 == s2 && i1 < i2);
    }

    private void siftUp(int pos) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!better(scores[parent], items[parent], scores[pos], items[pos])) {
                return;
            }
            swap(parent, pos);
            pos = parent;
        }
    }

    private void siftDown() {
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
            swap(pos, weakest);
            pos = weakest;
        }
    }

    private void swap(int a, int b) {
        int ti = items[a];
        items[a] = items[b];
        items[b] = ti;
        float ts = scores[a];
        scores[a] = scores[b];
        scores[b] = ts;
    }
}
