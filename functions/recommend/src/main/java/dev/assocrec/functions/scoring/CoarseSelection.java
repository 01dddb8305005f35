package dev.assocrec.functions.scoring;

import dev.assocrec.contract.TopK;
import java.util.BitSet;

/**
 * The k' best non-history items by integer coarse score: a bounded heap with a running threshold, so
 * the kernel offers only the few items that beat it instead of sorting a million scores.
 */
final class CoarseSelection {
    private final TopK top;
    private final int rows;
    private final BitSet history;
    private int threshold = Integer.MIN_VALUE;

    CoarseSelection(int capacity, int rows, BitSet history) {
        this.top = new TopK(capacity);
        this.rows = rows;
        this.history = history;
    }

    /** Scores below this cannot enter (ties may: TopK decides them by index). */
    int threshold() {
        return threshold;
    }

    void offer(int item, int score) {
        if (item >= rows || score < threshold || history.get(item)) {
            return;
        }
        // Exact in float: |score| ≤ dims·127² < 2²⁴ (QuantizedScan checks the dims).
        top.offer(item, score);
        float t = top.threshold();
        threshold = t == Float.NEGATIVE_INFINITY ? Integer.MIN_VALUE : (int) t;
    }

    int size() {
        return top.size();
    }

    /** The kept items (best first) with their scores written to {@code scores}; consumes the heap. */
    int[] drain(float[] scores) {
        return top.drainBestFirst(scores);
    }
}
