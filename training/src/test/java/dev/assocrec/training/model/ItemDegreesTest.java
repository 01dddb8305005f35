package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.assocrec.training.data.UserHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemDegreesTest {
    /** Item 0 is in 4 histories (twice in one), item 1 in 1, item 2 in none; shared by the per-item scale tests. */
    static final List<UserHistory> TRAIN = List.of(
            UserHistory.ofSequence("a", new int[] {0, 1, 0}),
            UserHistory.ofSequence("b", new int[] {0}),
            UserHistory.ofSequence("c", new int[] {0}),
            UserHistory.ofSequence("d", new int[] {0}));

    @Test
    void degreesCountHistoriesNotOccurrences() {
        assertArrayEquals(new int[] {4, 1, 0}, ItemDegrees.ofTrain(TRAIN, 3));
    }

    @Test
    void powersKeepUnseenAndOnceSeenItemsAtOne() {
        assertArrayEquals(new float[] {2f, 1f, 1f}, ItemDegrees.powers(new int[] {4, 1, 0}, 0.5), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 1f, 1f}, ItemDegrees.powers(new int[] {4, 1, 0}, -0.5), 1e-6f);
    }
}
