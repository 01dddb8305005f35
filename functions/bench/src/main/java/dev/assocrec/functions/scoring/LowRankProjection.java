package dev.assocrec.functions.scoring;

import dev.assocrec.contract.EmbeddingTable;
import java.util.Random;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The coarse pass's view of a wide table: every target row t split into its coordinates p = Vᵀt on r orthonormal
 * directions V (the table's top principal directions, found when it is built) and a residual t⊥ = t − Vp, of which
 * only the norm ρ = ‖t⊥‖ is kept. For a pooled vector u split the same way (a = Vᵀu, u⊥ = u − Va),
 * <pre>  u·t = a·p + u⊥·t⊥ ≤ a·p + ‖u⊥‖·ρ</pre>
 * so the augmented row (p, ρ) scored against the augmented query (a, ‖u⊥‖) is an upper bound of every item's
 * score: {@link QuantizedScan}'s certificate holds unchanged when its coarse pass reads these r + 1 columns instead
 * of the d of the table. It pays only where a few dozen directions hold most of each row (ρ small). The trained
 * 512-dim Gowalla model is not such a table (69 % of its energy lies outside its top 64 directions, 54 % outside
 * 128; 0–7 % of answers certified), so serving reads every dimension and this form is measured by the kernel
 * profile ({@code ranks=}) to check a model.
 *
 * <p>Everything here is computed in double precision; what double rounding and V's departure from exact
 * orthonormality (~1e-15) change in the bound is orders of magnitude below the float32 rounding allowance the
 * certificate adds anyway.
 */
final class LowRankProjection implements CoarseProjection {
    /** Rows of the table the directions are estimated from (evenly spaced); the Gram matrix costs rows·d². */
    static final int SAMPLE_ROWS = 2_048;
    /** Subspace iterations; any orthonormal V keeps answers exact, better directions only certify more. */
    static final int ITERATIONS = 12;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

    final int dims;
    final int rank;
    /** r × d, direction k at [k·d, (k+1)·d). */
    private final double[] basis;
    /** rows × (r + 1): p then ρ per item, the table the integer coarse pass quantises. */
    final EmbeddingTable augmented;
    /** Σρ² / Σ‖t‖²: the share of the table's energy the directions miss (0 for an all-zero table). */
    final double residualEnergy;

    LowRankProjection(EmbeddingTable target, int rank) {
        this.dims = target.dims();
        if (rank < 1 || rank >= dims) {
            throw new IllegalArgumentException("rank must be 1.." + (dims - 1) + ", was " + rank);
        }
        this.rank = rank;
        this.basis = principalDirections(target, rank);
        this.augmented = project(target);
        double residual = 0;
        double total = 0;
        float[] p = augmented.data();
        for (int i = 0; i < target.rows(); i++) {
            for (int k = 0; k <= rank; k++) {
                double v = p[i * (rank + 1) + k];
                total += v * v;
                residual += k == rank ? v * v : 0;
            }
        }
        this.residualEnergy = total > 0 ? residual / total : 0;
    }

    @Override
    public EmbeddingTable augmented() {
        return augmented;
    }

    /** (a, ‖u⊥‖) for a pooled vector u; ‖u⊥‖ rounded up so that the bound stays an upper bound. */
    @Override
    public double[] query(float[] pooled) {
        double[] u = new double[dims];
        double norm2 = 0;
        for (int j = 0; j < dims; j++) {
            u[j] = pooled[j];
            norm2 += u[j] * u[j];
        }
        double[] out = new double[rank + 1];
        double inSpan = 0;
        for (int k = 0; k < rank; k++) {
            out[k] = dot(u, 0, basis, k * dims, dims);
            inSpan += out[k] * out[k];
        }
        out[rank] = residualNorm(norm2, inSpan);
        return out;
    }

    /**
     * ‖x⊥‖ from ‖x‖² − ‖Vᵀx‖², which cancels when x lies nearly in the span: 1e-12·‖x‖² more covers that double
     * rounding and V's departure from orthonormality, so the result is never below the true residual norm.
     */
    private static double residualNorm(double norm2, double inSpan) {
        return Math.sqrt(Math.max(0, norm2 - inSpan) + 1e-12 * norm2);
    }

    private EmbeddingTable project(EmbeddingTable target) {
        int rows = target.rows();
        int width = rank + 1;
        float[] t = target.data();
        float[] out = new float[Math.multiplyExact(rows, width)];
        double[] x = new double[dims];
        for (int i = 0; i < rows; i++) {
            double norm2 = 0;
            int base = i * dims;
            for (int j = 0; j < dims; j++) {
                x[j] = t[base + j];
                norm2 += x[j] * x[j];
            }
            double inSpan = 0;
            for (int k = 0; k < rank; k++) {
                double p = dot(x, 0, basis, k * dims, dims);
                inSpan += p * p;
                out[i * width + k] = (float) p;
            }
            // ρ rounded up, so it only loosens the bound. The float copy of p is within 2⁻²⁴·‖t‖ of p: its effect on the
            // bound is covered by the spare (≥ 32·2⁻²⁴·‖u‖·T) in the certificate's float32 allowance.
            out[i * width + rank] = Math.nextUp((float) residualNorm(norm2, inSpan));
        }
        return new EmbeddingTable(rows, width, out);
    }

    /**
     * An orthonormal basis (r × d) of the dominant subspace of the rows' second moment TᵀT, by subspace iteration
     * on the Gram matrix of evenly spaced sample rows. Seeded, so a model always gets the same directions.
     */
    static double[] principalDirections(EmbeddingTable target, int rank) {
        return principalDirections(sampleGram(target), target.dims(), rank);
    }

    /** XᵀX over evenly spaced sample rows X (at most {@value #SAMPLE_ROWS}), d × d. */
    private static double[] sampleGram(EmbeddingTable target) {
        int d = target.dims();
        int rows = target.rows();
        float[] t = target.data();
        int samples = Math.min(rows, SAMPLE_ROWS);
        double[] columns = new double[d * samples]; // the sample transposed: coordinate j of every sampled row
        for (int s = 0; s < samples; s++) {
            int base = (int) ((long) s * rows / samples) * d;
            for (int j = 0; j < d; j++) {
                columns[j * samples + s] = t[base + j];
            }
        }
        double[] gram = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int l = j; l < d; l++) {
                double g = dot(columns, j * samples, columns, l * samples, samples);
                gram[j * d + l] = g;
                gram[l * d + j] = g;
            }
        }
        return gram;
    }

    private static double[] principalDirections(double[] gram, int d, int rank) {
        Random random = new Random(7);
        double[] q = new double[rank * d];
        for (int i = 0; i < q.length; i++) {
            q[i] = random.nextGaussian();
        }
        orthonormalise(q, rank, d);
        double[] z = new double[rank * d];
        for (int it = 0; it < ITERATIONS; it++) {
            for (int k = 0; k < rank; k++) {
                for (int j = 0; j < d; j++) {
                    z[k * d + j] = dot(gram, j * d, q, k * d, d);
                }
            }
            orthonormalise(z, rank, d);
            double[] swap = q;
            q = z;
            z = swap;
        }
        return q;
    }

    /**
     * Modified Gram–Schmidt with a second pass per vector (one leaves ~1e-8 of overlap when vectors are nearly
     * dependent) on r vectors of length d stored one after the other; a vector that vanishes is replaced by a unit
     * vector and redone.
     */
    static void orthonormalise(double[] m, int r, int d) {
        for (int c = 0; c < r; c++) {
            int at = c * d;
            for (int attempt = 0; ; attempt++) {
                double before = dot(m, at, m, at, d);
                for (int pass = 0; pass < 2; pass++) {
                    for (int prev = 0; prev < c; prev++) {
                        double overlap = dot(m, at, m, prev * d, d);
                        for (int j = 0; j < d; j++) {
                            m[at + j] -= overlap * m[prev * d + j];
                        }
                    }
                }
                double norm2 = dot(m, at, m, at, d);
                if (norm2 > 1e-12 * before && norm2 > 0) {
                    double inv = 1 / Math.sqrt(norm2);
                    for (int j = 0; j < d; j++) {
                        m[at + j] *= inv;
                    }
                    break;
                }
                // A rank-deficient table: some unit vector is independent of the previous ones (r < d).
                java.util.Arrays.fill(m, at, at + d, 0);
                m[at + (c + attempt) % d] = 1;
            }
        }
    }

    /** Σ x[xo + j]·y[yo + j] for j < n, on the Vector API (the load-time projection is ~rows·d·r of these terms). */
    static double dot(double[] x, int xo, double[] y, int yo, int n) {
        int step = DOUBLES.length();
        DoubleVector a0 = DoubleVector.zero(DOUBLES);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        int j = 0;
        for (; j + 4 * step <= n; j += 4 * step) {
            a0 = DoubleVector.fromArray(DOUBLES, x, xo + j).fma(DoubleVector.fromArray(DOUBLES, y, yo + j), a0);
            a1 = DoubleVector.fromArray(DOUBLES, x, xo + j + step).fma(DoubleVector.fromArray(DOUBLES, y, yo + j + step), a1);
            a2 = DoubleVector.fromArray(DOUBLES, x, xo + j + 2 * step)
                    .fma(DoubleVector.fromArray(DOUBLES, y, yo + j + 2 * step), a2);
            a3 = DoubleVector.fromArray(DOUBLES, x, xo + j + 3 * step)
                    .fma(DoubleVector.fromArray(DOUBLES, y, yo + j + 3 * step), a3);
        }
        for (; j + step <= n; j += step) {
            a0 = DoubleVector.fromArray(DOUBLES, x, xo + j).fma(DoubleVector.fromArray(DOUBLES, y, yo + j), a0);
        }
        double sum = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            sum += x[xo + j] * y[yo + j];
        }
        return sum;
    }
}
