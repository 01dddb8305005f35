package dev.assocrec.functions.scoring;

import static dev.assocrec.functions.scoring.FastScan.DOUBLES;
import static dev.assocrec.functions.scoring.FastScan.FLOATS;

import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * How {@link FastScan} codes a table: seeded k-means centroids per subspace (a vector of centroid distances at a time,
 * each summed in dimension order, so the codes are the same on every vector size), each item's nearest centroid, and
 * the 8-bit levels of the residual norms beside the codes.
 */
final class SubspaceCodebooks {
    static final int SAMPLE = 4096;
    static final int ITERATIONS = 12;

    private SubspaceCodebooks() {
    }

    /** A seeded sample of up to {@link #SAMPLE} rows (every row of a smaller table). */
    static int[] sample(int rows, Random random) {
        int sample = Math.min(rows, SAMPLE);
        int[] sampleRows = new int[sample];
        for (int i = 0; i < sample; i++) {
            sampleRows[i] = sample == rows ? i : random.nextInt(rows);
        }
        return sampleRows;
    }

    /** The unit of 255 levels that covers the largest norm (every norm ≤ its level·unit). */
    static double unit(double[] norms) {
        double max = 0;
        for (double r : norms) {
            max = Math.max(max, r);
        }
        // At least the smallest normal double: a table whose rows are all centroids has norms of Double.MIN_VALUE, and
        // a unit that underflows to 0 would give no level at all.
        return max > 0 ? Math.max(max / 255 * (1 + 0x1p-40), Double.MIN_NORMAL) : 1;
    }

    /** The first level whose multiple of {@code unit} is ≥ {@code norm} (rounded up, so the level bounds it). */
    static int level(double norm, double unit) {
        int l = (int) Math.ceil(norm / unit);
        while (l * unit < norm) {
            l++;
        }
        if (l > 255) {
            throw new IllegalStateException("residual norm " + norm + " above 255 levels of " + unit);
        }
        return l;
    }

    /**
     * {@code kc} centroids of subspace {@code s} (dimensions s·sd … s·sd + sd − 1 of rows of width {@code dims}) by Lloyd
     * iterations from seeded sample points, into {@code out}[s][centroid][sd]; 1-dim subspaces start at the sample's
     * quantiles.
     */
    static void kMeans(float[] t, int dims, int sd, int s, int[] sampleRows, Random random, float[] out, int kc) {
        int n = sampleRows.length;
        int first = s * sd;
        int last = Math.min(dims, first + sd);
        double[] points = new double[n * sd];
        for (int i = 0; i < n; i++) {
            for (int j = first; j < last; j++) {
                points[i * sd + j - first] = t[sampleRows[i] * dims + j];
            }
        }
        double[] c = new double[kc * sd];
        if (sd == 1) {
            double[] sorted = Arrays.copyOf(points, n);
            Arrays.sort(sorted);
            for (int k = 0; k < kc; k++) {
                c[k] = sorted[(int) ((2L * k + 1) * n / (2 * kc))];
            }
        } else {
            for (int k = 0; k < kc; k++) {
                System.arraycopy(points, random.nextInt(n) * sd, c, k * sd, sd);
            }
        }
        double[] sum = new double[kc * sd];
        int[] count = new int[kc];
        double[] cT = new double[sd * kc];
        if (kc % DOUBLES.length() != 0) {
            throw new IllegalArgumentException(kc + " centroids are not whole vectors of " + DOUBLES.length());
        }
        for (int it = 0, iterations = sd == 1 ? 5 * ITERATIONS : ITERATIONS; it < iterations; it++) {
            Arrays.fill(sum, 0);
            Arrays.fill(count, 0);
            for (int k = 0; k < kc; k++) {
                for (int j = 0; j < sd; j++) {
                    cT[j * kc + k] = c[k * sd + j];
                }
            }
            for (int i = 0; i < n; i++) {
                // As nearest(): every centroid's distance summed dimension by dimension, the first of equals wins.
                int best = 0;
                double bestD = Double.POSITIVE_INFINITY;
                for (int k0 = 0; k0 < kc; k0 += DOUBLES.length()) {
                    DoubleVector acc = DoubleVector.zero(DOUBLES);
                    for (int j = 0; j < sd; j++) {
                        DoubleVector diff = DoubleVector.broadcast(DOUBLES, points[i * sd + j])
                                .sub(DoubleVector.fromArray(DOUBLES, cT, j * kc + k0));
                        acc = acc.add(diff.mul(diff));
                    }
                    double min = acc.reduceLanes(VectorOperators.MIN);
                    if (min < bestD) {
                        bestD = min;
                        best = k0 + acc.compare(VectorOperators.EQ, min).firstTrue();
                    }
                }
                count[best]++;
                for (int j = 0; j < sd; j++) {
                    sum[best * sd + j] += points[i * sd + j];
                }
            }
            for (int k = 0; k < kc; k++) {
                if (count[k] > 0) {
                    for (int j = 0; j < sd; j++) {
                        c[k * sd + j] = sum[k * sd + j] / count[k];
                    }
                } else { // an empty cluster restarts at a seeded sample point
                    System.arraycopy(points, random.nextInt(n) * sd, c, k * sd, sd);
                }
            }
        }
        for (int k = 0; k < kc * sd; k++) {
            out[s * kc * sd + k] = (float) c[k];
        }
    }

    /** Centroids [subspace][centroid][sd] as [dimension][centroid] (the query's tables and the coding read them so). */
    static float[] byDim(float[] centroids, int dims, int sd, int kc) {
        float[] out = new float[dims * kc];
        for (int s = 0, m = (dims + sd - 1) / sd; s < m; s++) {
            for (int k = 0; k < kc; k++) {
                for (int j = s * sd, e = Math.min(dims, j + sd); j < e; j++) {
                    out[j * kc + k] = centroids[(s * kc + k) * sd + j - s * sd];
                }
            }
        }
        return out;
    }

    /**
     * The nearest of subspace {@code s}'s {@code kc} centroids ({@code byDim}: [dimension][centroid]) to row
     * {@code item}, the first of equals: a vector of centroids' squared distances at once, each summed in dimension
     * order as one centroid at a time would sum it, so the codes do not depend on the vector size (k-means and coding
     * took 3.5–4 s at 41k × 512 one centroid at a time).
     */
    static int nearest(float[] t, int dims, int sd, int item, int s, float[] byDim, int kc) {
        int first = s * sd;
        int last = Math.min(dims, first + sd);
        int lanes = FLOATS.length();
        if (kc % lanes != 0) {
            throw new IllegalArgumentException(kc + " centroids are not whole vectors of " + lanes);
        }
        int best = 0;
        float bestD = Float.POSITIVE_INFINITY;
        for (int k0 = 0; k0 < kc; k0 += lanes) {
            FloatVector acc = FloatVector.zero(FLOATS);
            for (int j = first; j < last; j++) {
                FloatVector diff = FloatVector.broadcast(FLOATS, t[item * dims + j]).sub(FloatVector.fromArray(FLOATS, byDim, j * kc + k0));
                acc = acc.add(diff.mul(diff)); // a multiply, then an add: the scalar sum's roundings, lane by lane
            }
            float min = acc.reduceLanes(VectorOperators.MIN);
            if (min < bestD) {
                bestD = min;
                best = k0 + acc.compare(VectorOperators.EQ, min).firstTrue();
            }
        }
        return best;
    }
}
