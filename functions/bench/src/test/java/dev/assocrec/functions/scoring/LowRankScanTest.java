package dev.assocrec.functions.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.assocrec.functions.scoring.ScanOracle.allEqual;
import static dev.assocrec.functions.scoring.ScanOracle.duplicated;
import static dev.assocrec.functions.scoring.ScanOracle.gaussian;
import static dev.assocrec.functions.scoring.ScanOracle.nearTies;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import java.util.Random;
import dev.assocrec.functions.scoring.ScanOracle.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The coarse pass read through a low-rank projection ({@link LowRankProjection}): the augmented score bounds every
 * item's true score from above, the basis is orthonormal, and every certified answer equals the full float32 scan
 * bit for bit, on tables with a decaying spectrum (where it certifies) and on adversarial ones: a flat spectrum,
 * duplicated rows, near-ties, all rows equal, an all-zero table and a table of lower rank than the projection.
 * (That serving reads every dimension of a wide table is {@code QuantizedScanTest}'s.)
 */
class LowRankScanTest {
    private static final VectorCoarseKernel KERNEL = new VectorCoarseKernel(2);
    /** The kernel profile's margin for the projected form: re-scoring stops early, so a wide one costs little. */
    private static final int PROJECTED_MARGIN = 512;

    @Test
    void theAugmentedScoreBoundsEveryItemsScoreAndTheBasisIsOrthonormal() {
        Random r = new Random(11);
        int rows = 400;
        int dims = 96;
        int rank = 12;
        EmbeddingTable target = decaying(r, rows, dims);
        LowRankProjection projection = new LowRankProjection(target, rank);
        double[] basis = LowRankProjection.principalDirections(target, rank);
        for (int a = 0; a < rank; a++) {
            for (int b = 0; b < rank; b++) {
                double dot = LowRankProjection.dot(basis, a * dims, basis, b * dims, dims);
                assertEquals(a == b ? 1 : 0, dot, 1e-12, "directions " + a + " and " + b);
            }
        }
        int width = rank + 1;
        float[] p = projection.augmented.data();
        double residualShare = 0;
        for (int q = 0; q < 50; q++) {
            float[] u = new float[dims];
            for (int j = 0; j < dims; j++) {
                u[j] = (float) (r.nextGaussian() / Math.sqrt(1 + j));
            }
            double[] query = projection.query(u);
            for (int i = 0; i < rows; i++) {
                double exact = 0;
                for (int j = 0; j < dims; j++) {
                    exact += (double) u[j] * target.data()[i * dims + j];
                }
                double inSpan = 0;
                for (int k = 0; k < rank; k++) {
                    inSpan += query[k] * p[i * width + k];
                }
                double residual = query[rank] * p[i * width + rank];
                assertTrue(inSpan + residual >= exact - 1e-9 * Math.abs(exact),
                        "row " + i + ": bound " + (inSpan + residual) + " below the score " + exact);
                assertTrue(inSpan - residual <= exact + 1e-9 * Math.abs(exact), "row " + i + ": lower bound above");
            }
        }
        // The directions must be the dominant ones: most of each (unit) row lies in their span.
        for (int i = 0; i < rows; i++) {
            residualShare += (double) p[i * width + rank] * p[i * width + rank];
        }
        assertTrue(residualShare / rows < 0.1, "mean residual energy " + residualShare / rows);
    }

    @Test
    void certifiedAnswersEqualTheFullScanOnADecayingSpectrumAndMostAreCertified() {
        Random r = new Random(12);
        int rows = 3_000;
        int dims = 128;
        EmbeddingTable target = decaying(r, rows, dims);
        Outcome o = compare(r, target, target, 16, PROJECTED_MARGIN, 300);
        System.out.printf("decaying spectrum, rank 16 of %d: %d of %d certified%n", dims, o.certified(), o.queries());
        assertEquals(0, o.wrong(), o.wrong() + " certified answers differ from the full scan");
        assertTrue(o.certified() >= 0.8 * o.queries(), "certified only " + o.certified() + " of " + o.queries());
    }

    @Test
    void certifiedAnswersEqualTheFullScanOnAdversarialTables() {
        Random r = new Random(13);
        int rows = 1_500;
        int dims = 64;
        EmbeddingTable context = gaussian(r, rows, dims);
        float[] flat = gaussian(r, rows, dims).data();
        float[] dup = duplicated(gaussian(r, rows, dims).data(), dims, 40);
        float[] near = nearTies(r, decaying(r, rows, dims).data(), dims);
        float[] equal = allEqual(rows, dims);
        // Rows in a 3-dimensional subspace: the projection holds them whole, the later directions are arbitrary.
        float[] low = new float[rows * dims];
        float[][] spanning = {gaussian(r, 1, dims).data(), gaussian(r, 1, dims).data(), gaussian(r, 1, dims).data()};
        for (int i = 0; i < rows; i++) {
            double[] c = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            for (int j = 0; j < dims; j++) {
                low[i * dims + j] = (float) (c[0] * spanning[0][j] + c[1] * spanning[1][j] + c[2] * spanning[2][j]);
            }
        }
        float[][] tables = {flat, dup, near, equal, new float[rows * dims], low};
        String[] names = {"flat spectrum", "duplicates", "near-ties", "all rows equal", "all zero", "rank 3"};
        for (int m = 0; m < tables.length; m++) {
            for (int margin : new int[] {0, QuantizedScan.MARGIN}) {
                Outcome o = compare(r, context, new EmbeddingTable(rows, dims, tables[m]), 8, margin, 200);
                assertEquals(0, o.wrong(), names[m] + ", margin " + margin + ": certified answers that differ");
            }
        }
        Outcome nearTies = compare(r, context, new EmbeddingTable(rows, dims, near), 8, 0, 200);
        assertTrue(nearTies.certified() < nearTies.queries(), "every near-tie answer was certified");
        Outcome lowRank = compare(r, context, new EmbeddingTable(rows, dims, low), 8, QuantizedScan.MARGIN, 200);
        assertTrue(lowRank.certified() >= 0.9 * lowRank.queries(), "rank-3 table: certified only " + lowRank.certified());
    }

    /** Random histories (random k) through the projected scan. */
    private static Outcome compare(Random r, EmbeddingTable context, EmbeddingTable target, int rank, int margin,
                                   int queries) {
        ReferenceScorer reference = new ReferenceScorer(context, target);
        QuantizedScan scan = new QuantizedScan(reference, target, KERNEL, margin, new LowRankProjection(target, rank));
        return ScanOracle.compare(r, reference, scan, target.rows(), queries);
    }

    /** Taste clusters with coordinates shrinking with the dimension, unit rows: a trained table's shape. */
    static EmbeddingTable decaying(Random r, int rows, int dims) {
        int clusters = Math.max(2, rows / 50);
        float[][] centres = new float[clusters][dims];
        for (float[] c : centres) {
            for (int j = 0; j < dims; j++) {
                c[j] = (float) (r.nextGaussian() / (1 + j / 2.0));
            }
        }
        float[] data = new float[rows * dims];
        for (int i = 0; i < rows; i++) {
            float[] c = centres[r.nextInt(clusters)];
            double norm2 = 0;
            for (int j = 0; j < dims; j++) {
                float v = c[j] + 0.5f * (float) (r.nextGaussian() / (1 + j / 2.0));
                data[i * dims + j] = v;
                norm2 += (double) v * v;
            }
            float inv = (float) (1 / Math.sqrt(norm2));
            for (int j = 0; j < dims; j++) {
                data[i * dims + j] *= inv;
            }
        }
        return new EmbeddingTable(rows, dims, data);
    }
}
