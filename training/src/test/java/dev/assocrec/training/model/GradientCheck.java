package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assocrec.training.graph.CsrMatrix;
import java.util.Random;
import java.util.function.DoubleSupplier;

/** Finite-difference checks of the Java engine's hand-written backward passes, and their random inputs. */
final class GradientCheck {
    /** Central step in float. */
    static final float H = 1e-2f;

    private GradientCheck() {}

    /**
     * Perturbs each coordinate of {@code params} in place (and restores it), comparing d f / d p with
     * {@code gradient} within {@code tolerance} × max(1, |gradient|).
     */
    static void assertCentralDifferences(float[] params, float[] gradient, DoubleSupplier f, String name, double tolerance) {
        for (int i = 0; i < params.length; i++) {
            float keep = params[i];
            params[i] = keep + H;
            double up = f.getAsDouble();
            params[i] = keep - H;
            double down = f.getAsDouble();
            params[i] = keep;
            assertEquals((up - down) / (2 * H), gradient[i], tolerance * Math.max(1, Math.abs(gradient[i])),
                    "d f / d " + name + "[" + i + "]");
        }
    }

    /** About half the entries of an items × items matrix set, weights in [0.1, 1): A ≠ Aᵀ, so a missing transpose shows. */
    static CsrMatrix randomAsymmetric(Random random, int items) {
        int[][] cols = new int[items][];
        float[][] vals = new float[items][];
        for (int r = 0; r < items; r++) {
            int[] row = random.ints(0, items).limit(3).distinct().sorted().toArray();
            cols[r] = row;
            vals[r] = new float[row.length];
            for (int k = 0; k < row.length; k++) {
                vals[r][k] = 0.1f + 0.9f * random.nextFloat();
            }
        }
        return CsrMatrix.ofRows(items, cols, vals);
    }

    static float[] gaussian(int n, Random random, double scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextGaussian() * scale);
        }
        return out;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
