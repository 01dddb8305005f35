package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    /** Central step in float; f is linear in the parameters, so the only error is float rounding (~1e-5). */
    private static final float H = 1e-2f;
    private static final double TOLERANCE = 1e-3;

    @Test
    void backwardMatchesCentralDifferencesForIdsAndAttributes() {
        Random random = new Random(11);
        CsrMatrix adjacency = randomAsymmetric(random);
        CsrMatrix attributeMean = CsrMatrix.ofRows(ATTRIBUTES,
                new int[][] {{0}, {1, 2}, {}, {3}, {0, 3}, {2}, {1}},
                new float[][] {{1f}, {0.5f, 0.5f}, {}, {1f}, {0.5f, 0.5f}, {1f}, {1f}});
        LinearGcn gcn = new LinearGcn(new Propagation(adjacency, LAYERS), attributeMean, WIDTH);
        float[] ids = gaussian(ITEMS * WIDTH, random);
        float[] attributes = gaussian(ATTRIBUTES * WIDTH, random);
        float[] c = gaussian(ITEMS * WIDTH, random);
        LinearGcn.Gradients analytic = gcn.backward(c);
        DoubleSupplier f = () -> dot(c, gcn.forward(ids, attributes));
        assertCentralDifferences(ids, analytic.ids(), f, "id");
        assertCentralDifferences(attributes, analytic.attributes(), f, "attribute");
    }

    /** Perturbs each coordinate of {@code params} in place (and restores it), comparing d f / d p with {@code gradient}. */
    private static void assertCentralDifferences(float[] params, float[] gradient, DoubleSupplier f, String name) {
        for (int i = 0; i < params.length; i++) {
            float keep = params[i];
            params[i] = keep + H;
            double up = f.getAsDouble();
            params[i] = keep - H;
            double down = f.getAsDouble();
            params[i] = keep;
            assertEquals((up - down) / (2 * H), gradient[i], TOLERANCE, "d f / d " + name + "[" + i + "]");
        }
    }

    /** About half the entries set, weights in [0.1, 1): A ≠ Aᵀ. */
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

    private static float[] gaussian(int n, Random random) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextGaussian();
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
