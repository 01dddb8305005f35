package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.assocrec.training.model.GradientCheck.assertCentralDifferences;
import static dev.assocrec.training.model.GradientCheck.dot;
import static dev.assocrec.training.model.GradientCheck.gaussian;
import static dev.assocrec.training.model.GradientCheck.randomAsymmetric;

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
    /** f is polynomial of degree ≤ LAYERS + 1 in the weights, so central differences are off by O(H²) plus rounding. */
    private static final double TOLERANCE = 2e-3;

    @Test
    void backwardMatchesCentralDifferencesForInputAndWeights() {
        Random random = new Random(5);
        SageLayers sage = new SageLayers(randomAsymmetric(random, ITEMS), LAYERS, WIDTH);
        float[] input = gaussian(ITEMS * WIDTH, random, 1);
        float[] weights = gaussian(LAYERS * 2 * WIDTH * WIDTH, random, 0.5);
        float[] c = gaussian(ITEMS * WIDTH, random, 1);
        SageLayers.Gradients analytic = sage.backward(sage.forward(input, weights), weights, c);
        DoubleSupplier f = () -> dot(c, sage.forward(input, weights).table());
        assertCentralDifferences(input, analytic.input(), f, "input", TOLERANCE);
        assertCentralDifferences(weights, analytic.weights(), f, "weight", TOLERANCE);
    }

    @Test
    void theStartingWeightsPropagateOverTheNeighbours() {
        Random random = new Random(6);
        CsrMatrix n = randomAsymmetric(random, ITEMS);
        float[] input = gaussian(ITEMS * WIDTH, random, 1);
        float[] table = new SageLayers(n, 1, WIDTH).forward(input, SageLayers.initialWeights(1, WIDTH)).table();
        float[] expected = Propagation.multiply(n, input, WIDTH);
        for (int i = 0; i < table.length; i++) {
            assertEquals((input[i] + expected[i]) / 2, table[i], 1e-6, "entry " + i);
        }
        assertTrue(expected[0] != 0 || expected[1] != 0, "the graph moves something");
    }
}
