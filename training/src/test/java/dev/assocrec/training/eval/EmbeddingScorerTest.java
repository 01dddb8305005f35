package dev.assocrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.EventType;
import dev.assocrec.contract.HistoryPooling;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.training.data.UserHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Evaluation, epoch selection and the popularity-prior screen score with {@link EmbeddingScorer}; serving
 * scores with {@link ReferenceScorer} (and paths proven equal to it). Over thousands of random histories
 * (repeated items, event types, recency) every item's evaluation score is the served score within float rounding.
 */
class EmbeddingScorerTest {
    private static final int ITEMS = 500;
    private static final int DIMS = 16;

    @Test
    void scoresEqualTheServedReferenceScorerOnRandomHistories() {
        Random rng = new Random(17);
        EmbeddingTable context = gaussian(rng);
        EmbeddingTable target = gaussian(rng);
        ReferenceScorer served = new ReferenceScorer(context, target);
        EventType[] types = EventType.values();
        for (PoolingConfig pooling : List.of(PoolingConfig.defaultWeighted(), PoolingConfig.positional(4),
                PoolingConfig.mean())) {
            List<UserHistory> histories = new ArrayList<>();
            for (int u = 0; u < 1000; u++) {
                int n = 1 + rng.nextInt(30);
                int[] items = new int[n];
                EventType[] events = new EventType[n];
                double[] times = new double[n];
                for (int i = 0; i < n; i++) {
                    items[i] = i > 0 && rng.nextInt(3) == 0 ? items[rng.nextInt(i)] : rng.nextInt(ITEMS);
                    events[i] = types[rng.nextInt(types.length)];
                    times[i] = pooling.timeAxis() == PoolingConfig.TimeAxis.POSITIONS ? i : rng.nextDouble() * 365 * 24 * 3600;
                }
                histories.add(new UserHistory("u" + u, items, events, times, null, null));
            }
            float[] scores = new float[histories.size() * ITEMS];
            try (EmbeddingScorer scorer = new EmbeddingScorer("gcn", context, target, pooling, Device.cpu())) {
                scorer.score(histories, scores);
            }
            for (int b = 0; b < histories.size(); b++) {
                UserHistory h = histories.get(b);
                float[] pooled = served.pool(h.items(), HistoryPooling.weights(h.entries(), pooling));
                for (int item = 0; item < ITEMS; item++) {
                    // Scores are O(1) (rows of norm ~1); PyTorch sums the D products in its own order.
                    assertEquals(served.score(pooled, item), scores[b * ITEMS + item], 1e-5,
                            pooling.mode() + " user " + b + " item " + item);
                }
            }
        }
    }

    private static EmbeddingTable gaussian(Random rng) {
        float[] data = new float[ITEMS * DIMS];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (rng.nextGaussian() / Math.sqrt(DIMS));
        }
        return new EmbeddingTable(ITEMS, DIMS, data);
    }
}
