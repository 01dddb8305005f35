package dev.assocrec.contract;

/**
 * One item in a user's history as the pooling sees it.
 *
 * @param itemIndex   dense index into the model's item table
 * @param eventType   what happened, or null when unknown (weight 1)
 * @param time        seconds since the epoch or a sequence position, per {@link PoolingConfig#timeAxis()};
 *                    {@link Double#NaN} when unknown (no recency discount)
 * @param extraWeight a caller-supplied multiplier (1 when not given)
 */
public record HistoryEntry(int itemIndex, EventType eventType, double time, double extraWeight) {
    public HistoryEntry {
        if (itemIndex < 0) {
            throw new IllegalArgumentException("itemIndex must be >= 0, was " + itemIndex);
        }
        if (!(extraWeight >= 0) || Double.isInfinite(extraWeight)) {
            throw new IllegalArgumentException("weight must be a finite number >= 0, was " + extraWeight);
        }
    }

    public static HistoryEntry of(int itemIndex) {
        return new HistoryEntry(itemIndex, null, Double.NaN, 1.0);
    }
}
