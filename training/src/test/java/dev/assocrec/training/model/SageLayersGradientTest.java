package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.training.graph.CsrMatrix;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference check of {@link SageLayers}' hand-written backward: for f = Σ c ⊙ table with random c,
 * d f / d input and d f / d weights must equal the backward of c. The neighbour matrix is asymmetric so
 * that a missing transpose shows, and the weights are random so that a missing transpose of a weight
 * matrix shows too.
 */
class SageLayersGradientTest {
    private static final int ITEMS = 7;
    private static final int WIDTH = 3;
    private static final int LAYERS = 2;
    private static final float H = 1e-2f;
    /** f is polynomial of degree ≤ LAYERS + 1 in the weights, so central differences are off by O(H²) plus rounding. */
    private static final double TOLERANCE = 2e-3;

    @Test
    void backwardMatchesCentralDifferencesForInputAndWeights() {
        Random random = new Random(5);
        SageLayers sage = new SageLayers(randomAsymmetric(random), LAYERS, WIDTH);
        float[] input = gaussian(ITEMS * WIDTH, random, 1);
        float[] weights = gaussian(LAYERS * 2 * WIDTH * WIDTH, random, 0.5);
        float[] c = gaussian(ITEMS * WIDTH, random, 1);
        SageLayers.Gradients analytic = sage.backward(sage.forward(input, weights), weights, c);
        DoubleSupplier f = () -> dot(c, sage.forward(input, weights).table());
        assertCentralDifferences(input, analytic.input(), f, "input");
        assertCentralDifferences(weights, analytic.weights(), f, "weight");
    }

    @Test
    void theStartingWeightsPropagateOverTheNeighbours() {
        Random random = new Random(6);
        CsrMatrix n = randomAsymmetric(random);
        float[] input = gaussian(ITEMS * WIDTH, random, 1);
        float[] table = new SageLayers(n, 1, WIDTH).forward(input, SageLayers.initialWeights(1, WIDTH)).table();
        float[] expected = Propagation.multiply(n, input, WIDTH);
        for (int i = 0; i < table.length; i++) {
            assertEquals((input[i] + expected[i]) / 2, table[i], 1e-6, "entry " + i);
        }
        assertTrue(expected[0] != 0 || expected[1] != 0, "the graph moves something");
    }

    private static void assertCentralDifferences(float[] params, float[] gradient, DoubleSupplier f, String name) {
        for (int i = 0; i < params.length; i++) {
            float keep = params[i];
            params[i] = keep + H;
            double up = f.getAsDouble();
            params[i] = keep - H;
            double down = f.getAsDouble();
            params[i] = keep;
            assertEquals((up - down) / (2 * H), gradient[i], TOLERANCE * Math.max(1, Math.abs(gradient[i])),
                    "d f / d " + name + "[" + i + "]");
        }
    }

    private static CsrMatrix randomAsymmetric(Random random) {
        int[][] cols = new int[ITEMS][];
        float[][] vals = new float[ITEMS][];
        for (int r = 0; r < ITEMS; r++) {
            int[] row = random.ints(0, ITEMS).limit(3).distinct().sorted().toArray();
            cols[r] = row;
            vals[r] = new float[row.length];
            for (int k = 0; k < row.length; k++) {
                vals[r][k] = 0.1f + 0.9f * random.nextFloat();
            }
        }
        return CsrMatrix.ofRows(ITEMS, cols, vals);
    }

    private static float[] gaussian(int n, Random random, double scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextGaussian() * scale);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
