package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void theEpochsRateScalesTheStep() {
        float[] grad = {0.3f, -2f, 5e-3f};
        float[] full = {1f, 1f, 1f};
        float[] half = full.clone();
        AdamSchedule a = new AdamSchedule(0.01, 1, 0);
        AdamSchedule b = new AdamSchedule(0.02, 0.25, 0);
        b.endEpoch();
        new Adam(3).update(full, grad, a.next());
        new Adam(3).update(half, grad, b.next());
        for (int i = 0; i < grad.length; i++) {
            // Adam's first step moves each parameter by the learning rate against the gradient's sign.
            assertEquals(-Math.signum(grad[i]) * 0.01, full[i] - 1f, 1e-5);
            assertEquals((full[i] - 1f) / 2, half[i] - 1f, 1e-6);
        }
    }

    @Test
    void theCosineScheduleFallsFromTheRateToNearZeroAndHoldsPastItsHorizon() {
        AdamSchedule s = new AdamSchedule(0.02, 1, 4);
        double[] expected = new double[5];
        for (int e = 1; e <= 4; e++) {
            expected[e - 1] = 0.02 * 0.5 * (1 + Math.cos(Math.PI * (e - 0.5) / 4));
        }
        expected[4] = expected[3];
        for (int e = 1; e <= 5; e++) {
            assertEquals(expected[e - 1], s.rate(e), 1e-12, "epoch " + e);
        }
        assertEquals(0.02 * 0.9619, s.rate(1), 1e-5);
        assertEquals(0.02 * 0.0381, s.rate(4), 1e-5);
        // With a decay the two multiply.
        assertEquals(0.02 * 0.5 * 0.5 * (1 + Math.cos(Math.PI * 1.5 / 4)), new AdamSchedule(0.02, 0.5, 4).rate(2), 1e-12);
    }
}
