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

    /**
     * eᵢ = vector·contextᵢ + typeBias + slope·age/unit; weights explicit·exp(e − max): here the logits are
     * 2 (item 0, purchase bias 1, newest), 0.5 − 1 = −0.5 (item 1, view −0.5 … one day old, slope −1 per day), and
     * item 2 has explicit weight 0.
     */
    @Test
    void attentionWeighsByContextRowEventTypeAndRecency() {
        EmbeddingTable context = new EmbeddingTable(3, 2, new float[] {1, 0, 0, 1, 5, 5});
        PoolingConfig cfg = PoolingConfig.attentionFrom(PoolingConfig.defaultWeighted(), 2)
                .withAttention(new PoolingConfig.Attention(List.of(1.0, 1.0),
                        Map.of(EventType.PURCHASE, 1.0, EventType.VIEW, -0.5), -1, 86_400));
        List<HistoryEntry> h = List.of(
                new HistoryEntry(0, EventType.PURCHASE, 86_400, 1),
                new HistoryEntry(1, EventType.VIEW, 0, 2),
                new HistoryEntry(2, EventType.CART, 86_400, 0));
        float[] w = HistoryPooling.weights(h, cfg, context);
        assertArrayEquals(new float[] {1f, (float) (2 * Math.exp(-0.5 - 2)), 0f}, w, 1e-6f);
        float[] pooled = HistoryPooling.pool(context, new int[] {0, 1, 2}, w);
        double total = 1 + 2 * Math.exp(-2.5);
        assertArrayEquals(new float[] {(float) (1 / total), (float) (2 * Math.exp(-2.5) / total)}, pooled, 1e-6f);
        // A huge logit does not overflow: the largest weight is its explicit weight.
        PoolingConfig steep = cfg.withAttention(new PoolingConfig.Attention(List.of(500.0, 0.0), Map.of(), 0, 86_400));
        assertArrayEquals(new float[] {1f, 0f, 0f}, HistoryPooling.weights(h, steep, context), 1e-6f);
    }

    @Test
    void attentionStartsAsTheHandSetPoolingAndNeedsTheContextTable() {
        EmbeddingTable context = new EmbeddingTable(3, 2, new float[] {1, 0, 0, 1, 5, 5});
        PoolingConfig start = PoolingConfig.attentionFrom(PoolingConfig.defaultWeighted(), 2);
        List<HistoryEntry> h = List.of(
                new HistoryEntry(0, EventType.PURCHASE, 40 * 86_400, 1),
                new HistoryEntry(1, EventType.VIEW, 10 * 86_400, 1),
                new HistoryEntry(2, null, Double.NaN, 0.5));
        float[] hand = HistoryPooling.normalised(HistoryPooling.weights(h, PoolingConfig.defaultWeighted()));
        assertArrayEquals(hand, HistoryPooling.normalised(HistoryPooling.weights(h, start, context)), 1e-6f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HistoryPooling.weights(h, start));
        assertEquals("attention pooling weighs entries by their context rows: pass the context table", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PoolingConfig(PoolingConfig.Mode.ATTENTION, Map.of(), 0,
                null));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new PoolingConfig.Attention(List.of(1.0, Double.NaN), Map.of(), 0, 1));
        assertEquals("pooling.attention.vector[1] must be a finite number, was NaN", nan.getMessage());
    }

    @Test
    void normalisedWeightsSumToOneAndAllZeroStaysZero() {
        assertArrayEquals(new float[] {0.75f, 0.25f, 0f}, HistoryPooling.normalised(new float[] {3, 1, 0}), 1e-7f);
        assertArrayEquals(new float[] {0f, 0f}, HistoryPooling.normalised(new float[] {0, 0}));
    }
}
