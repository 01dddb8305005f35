package dev.assocrec.training.model;

import static dev.assocrec.training.model.GradientCheck.assertCentralDifferences;
import static dev.assocrec.training.model.GradientCheck.dot;
import static dev.assocrec.training.model.GradientCheck.gaussian;
import static dev.assocrec.training.model.GradientCheck.randomAsymmetric;

import dev.assocrec.training.graph.CsrMatrix;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference check of the Java engine's hand-written backward ({@link Propagation} over the
 * layers and the attribute mean): for f = Σ c ⊙ table with random c, d f / d parameter must equal the
 * backward of c, coordinate by coordinate. The graph is asymmetric so that a missing transpose shows.
 */
class LinearGcnGradientTest {
    private static final int ITEMS = 7;
    private static final int ATTRIBUTES = 4;
    private static final int WIDTH = 3;
    private static final int LAYERS = 2;
    /** f is linear in the parameters, so central differences are off by float rounding only (~1e-5). */
    private static final double TOLERANCE = 1e-3;

    @Test
    void backwardMatchesCentralDifferencesForIdsAndAttributes() {
        Random random = new Random(11);
        CsrMatrix adjacency = randomAsymmetric(random, ITEMS);
        CsrMatrix attributeMean = CsrMatrix.ofRows(ATTRIBUTES,
                new int[][] {{0}, {1, 2}, {}, {3}, {0, 3}, {2}, {1}},
                new float[][] {{1f}, {0.5f, 0.5f}, {}, {1f}, {0.5f, 0.5f}, {1f}, {1f}});
        LinearGcn gcn = new LinearGcn(new Propagation(adjacency, LAYERS), attributeMean, WIDTH);
        float[] ids = gaussian(ITEMS * WIDTH, random, 1);
        float[] attributes = gaussian(ATTRIBUTES * WIDTH, random, 1);
        float[] c = gaussian(ITEMS * WIDTH, random, 1);
        LinearGcn.Gradients analytic = gcn.backward(c);
        DoubleSupplier f = () -> dot(c, gcn.forward(ids, attributes));
        assertCentralDifferences(ids, analytic.ids(), f, "id", TOLERANCE);
        assertCentralDifferences(attributes, analytic.attributes(), f, "attribute", TOLERANCE);
    }
}
