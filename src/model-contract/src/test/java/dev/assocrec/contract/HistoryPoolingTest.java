package dev.assocrec.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryPoolingTest {

    @Test
    void meanPoolingWeighsEveryEntryOneWhateverItsTypeOrAge() {
        List<HistoryEntry> h = List.of(
                new HistoryEntry(3, EventType.PURCHASE, 100, 1),
                new HistoryEntry(5, EventType.VIEW, 0, 1));
        assertArrayEquals(new float[] {1f, 1f}, HistoryPooling.weights(h, PoolingConfig.mean()));
    }

    @Test
    void weightedPoolingMultipliesEventWeightRecencyAndCallerWeight() {
        PoolingConfig cfg = new PoolingConfig(PoolingConfig.Mode.WEIGHTED,
                Map.of(EventType.VIEW, 1.0, EventType.PURCHASE, 4.0), 10, PoolingConfig.TimeAxis.SECONDS);
        List<HistoryEntry> h = List.of(
                new HistoryEntry(1, EventType.PURCHASE, 100, 1),   // newest: no decay
                new HistoryEntry(2, EventType.VIEW, 90, 1),        // one half-life old
                new HistoryEntry(3, EventType.PURCHASE, 80, 0.5),  // two half-lives, caller halves it
                new HistoryEntry(4, EventType.CART, Double.NaN, 1)); // unknown time: no decay, default weight 1
        float[] w = HistoryPooling.weights(h, cfg);
        assertArrayEquals(new float[] {4f, 0.5f, 0.5f, 1f}, w, 1e-6f);
    }

    @Test
    void positionalRecencyCountsItemsBack() {
        PoolingConfig cfg = PoolingConfig.positional(2);
        List<HistoryEntry> h = List.of(
                new HistoryEntry(7, null, 0, 1), new HistoryEntry(8, null, 2, 1), new HistoryEntry(9, null, 4, 1));
        assertArrayEquals(new float[] {0.25f, 0.5f, 1f}, HistoryPooling.weights(h, cfg), 1e-6f);
    }

    @Test
    void rejectsNonsenseConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new PoolingConfig(PoolingConfig.Mode.WEIGHTED,
                Map.of(EventType.VIEW, -1.0), 0, null));
        assertThrows(IllegalArgumentException.class, () -> new PoolingConfig(PoolingConfig.Mode.MEAN,
                Map.of(), -5, null));
        assertThrows(IllegalArgumentException.class, () -> new HistoryEntry(-1, null, 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventType.parse("wishlist"));
        assertEquals("unknown event type 'wishlist' (expected view, cart or purchase)", e.getMessage());
    }

    @Test
    void normalisedWeightsSumToOneAndAllZeroStaysZero() {
        assertArrayEquals(new float[] {0.75f, 0.25f, 0f}, HistoryPooling.normalised(new float[] {3, 1, 0}), 1e-7f);
        assertArrayEquals(new float[] {0f, 0f}, HistoryPooling.normalised(new float[] {0, 0}));
    }
}
