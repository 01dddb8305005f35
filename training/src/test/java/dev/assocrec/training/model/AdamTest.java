package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void scalingTheLearningRateScalesTheStep() {
        float[] grad = {0.3f, -2f, 5e-3f};
        float[] full = {1f, 1f, 1f};
        float[] half = full.clone();
        AdamSchedule a = new AdamSchedule(0.01);
        AdamSchedule b = new AdamSchedule(0.01);
        b.scaleLearningRate(0.5);
        new Adam(3).update(full, grad, a.next());
        new Adam(3).update(half, grad, b.next());
        for (int i = 0; i < grad.length; i++) {
            // Adam's first step moves each parameter by the learning rate against the gradient's sign.
            assertEquals(-Math.signum(grad[i]) * 0.01, full[i] - 1f, 1e-5);
            assertEquals((full[i] - 1f) / 2, half[i] - 1f, 1e-6);
        }
    }
}
