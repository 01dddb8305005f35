package dev.assocrec.training.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AliasTableTest {
    @Test
    void drawsEachIndexInProportionToItsWeight() {
        double[] weights = {5, 0, 1, 2.5, 0.5, 1};
        AliasTable table = new AliasTable(weights);
        Random random = new Random(3);
        int draws = 1_000_000;
        int[] counts = new int[weights.length];
        for (int k = 0; k < draws; k++) {
            counts[table.sample(random)]++;
        }
        for (int i = 0; i < weights.length; i++) {
            double expected = weights[i] / 10.0;
            // 5 standard errors of a binomial share at a million draws is below 0.0025.
            assertEquals(expected, counts[i] / (double) draws, 0.0025, "index " + i);
        }
        assertEquals(0, counts[1], "a zero weight is never drawn");
    }

    @Test
    void refusesWeightsItCannotDrawFrom() {
        assertThrows(IllegalArgumentException.class, () -> new AliasTable(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new AliasTable(new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new AliasTable(new double[] {1, -1}));
    }
}
