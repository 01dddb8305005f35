package dev.assocrec.training.model;

import static dev.assocrec.training.model.GradientCheck.assertCentralDifferences;
import static dev.assocrec.training.model.GradientCheck.dot;
import static dev.assocrec.training.model.GradientCheck.gaussian;
import static dev.assocrec.training.model.GradientCheck.randomAsymmetric;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assocrec.training.graph.CsrMatrix;
import java.util.List;
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
        assertBackwardMatches(random, new Propagation(adjacency, LAYERS), WIDTH, WIDTH);
    }

    /** Layer weights per side: a shared table's output is twice as wide (context mix, then target mix). */
    @Test
    void layerWeightsPerSideOnASharedTable() {
        Random random = new Random(12);
        GcnConfig config = GcnConfig.defaults().toBuilder().dims(WIDTH).layers(LAYERS).separateTarget(false)
                .layerWeights(List.of(3.0, 1.0, 1.0)).targetLayerWeights(List.of(1.0, 1.0, 0.0)).build();
        assertBackwardMatches(random, new Propagation(randomAsymmetric(random, ITEMS), config), WIDTH, 2 * WIDTH);
    }

    @Test
    void layerWeightsPerSideOnSeparateTables() {
        Random random = new Random(13);
        GcnConfig config = GcnConfig.defaults().toBuilder().dims(WIDTH).layers(LAYERS).separateTarget(true)
                .layerWeights(List.of(1.0, 2.0, 0.5)).targetLayerWeights(List.of(0.0, 1.0, 1.0)).build();
        assertBackwardMatches(random, new Propagation(randomAsymmetric(random, ITEMS), config), 2 * WIDTH, 2 * WIDTH);
    }

    /** The plain mean is the mix with equal weights. */
    @Test
    void equalLayerWeightsAreTheMean() {
        Random random = new Random(14);
        CsrMatrix adjacency = randomAsymmetric(random, ITEMS);
        GcnConfig config = GcnConfig.defaults().toBuilder().dims(WIDTH).layers(LAYERS).separateTarget(false)
                .layerWeights(List.of(2.0, 2.0, 2.0)).build();
        float[] x = gaussian(ITEMS * WIDTH, random, 1);
        float[] mean = new Propagation(adjacency, LAYERS).propagate(x, WIDTH);
        float[] mixed = new Propagation(adjacency, config).propagate(x, WIDTH);
        for (int i = 0; i < mean.length; i++) {
            assertEquals(mean[i], mixed[i], 1e-6, "entry " + i);
        }
    }

    private static void assertBackwardMatches(Random random, Propagation propagation, int inWidth, int outWidth) {
        CsrMatrix attributeMean = CsrMatrix.ofRows(ATTRIBUTES,
                new int[][] {{0}, {1, 2}, {}, {3}, {0, 3}, {2}, {1}},
                new float[][] {{1f}, {0.5f, 0.5f}, {}, {1f}, {0.5f, 0.5f}, {1f}, {1f}});
        LinearGcn gcn = new LinearGcn(propagation, attributeMean, inWidth);
        float[] ids = gaussian(ITEMS * inWidth, random, 1);
        float[] attributes = gaussian(ATTRIBUTES * inWidth, random, 1);
        float[] c = gaussian(ITEMS * outWidth, random, 1);
        assertEquals(c.length, gcn.forward(ids, attributes).length, "output width");
        LinearGcn.Gradients analytic = gcn.backward(c);
        DoubleSupplier f = () -> dot(c, gcn.forward(ids, attributes));
        assertCentralDifferences(ids, analytic.ids(), f, "id", TOLERANCE);
        assertCentralDifferences(attributes, analytic.attributes(), f, "attribute", TOLERANCE);
    }
}
