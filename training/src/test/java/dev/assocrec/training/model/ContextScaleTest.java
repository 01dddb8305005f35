package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assocrec.training.data.UserHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextScaleTest {
    private static final List<UserHistory> TRAIN = ItemDegreesTest.TRAIN;

    @Test
    void factorIsTheUserDegreeToTheMinusExponent() {
        ContextScale s = ContextScale.ofDegrees(TRAIN, 3, 0.5);
        assertEquals(0.5f, s.factor(0), 1e-6f, "4 users hold item 0: 4^-0.5 (a repeat in one history counts once)");
        assertEquals(1f, s.factor(1), 1e-6f);
        assertEquals(1f, s.factor(2), 1e-6f, "an item without train interactions keeps its row");
        assertEquals(0.25f, ContextScale.ofDegrees(TRAIN, 3, 1).factor(0), 1e-6f);
        float[] column = s.column();
        assertEquals(3, column.length);
        assertEquals(0.5f, column[0], 1e-6f);
    }

    @Test
    void exponentZeroLeavesEveryRowAsItIs() {
        ContextScale s = ContextScale.ofDegrees(TRAIN, 3, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(1f, s.factor(i));
        }
    }

    @Test
    void negativeExponentIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContextScale.ofDegrees(TRAIN, 3, -0.5));
        assertEquals("degree exponent must be >= 0: -0.5", e.getMessage());
    }
}
