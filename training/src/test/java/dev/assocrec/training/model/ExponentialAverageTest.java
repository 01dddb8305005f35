package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExponentialAverageTest {
    @Test
    void beforeAnyUpdateItIsTheParametersThemselves() {
        ExponentialAverage average = new ExponentialAverage(2, 0.9);
        assertArrayEquals(new float[] {3, -1}, average.value(new float[] {3, -1}));
    }

    @Test
    void isTheBiasCorrectedExponentialMean() {
        ExponentialAverage average = new ExponentialAverage(2, 0.5);
        average.update(new float[] {4, 0});
        assertArrayEquals(new float[] {4, 0}, average.value(null), 1e-6f, "one update: the update itself");
        average.update(new float[] {1, 3});
        // (0.25·p1 + 0.5·p2) / (1 - 0.25)
        assertArrayEquals(new float[] {(1f + 0.5f) / 0.75f, 1.5f / 0.75f}, average.value(null), 1e-6f);
    }

    @Test
    void rejectsADecayOutsideTheOpenUnitIntervalAndAMismatchedLength() {
        assertThrows(IllegalArgumentException.class, () -> new ExponentialAverage(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialAverage(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialAverage(2, 0.5).update(new float[3]));
    }
}
