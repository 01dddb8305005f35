package dev.assocrec.functions.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import java.util.BitSet;
import java.util.Random;

/** The scan tests' oracle and tables: random queries through a {@link CataloguePass} against the full float32 scan. */
final class ScanOracle {
    private ScanOracle() {}

    record Outcome(int queries, int certified, int wrong) {}

    /** Random histories and k; counts certified answers and certified answers unlike the full scan. */
    static Outcome compare(Random r, ReferenceScorer reference, CataloguePass scan, int rows, int queries) {
        int certified = 0;
        int wrong = 0;
        for (int q = 0; q < queries; q++) {
            int length = 1 + r.nextInt(Math.min(20, rows - 1));
            int[] history = new int[length];
            float[] weights = new float[length];
            BitSet historySet = new BitSet(rows);
            for (int i = 0; i < length; i++) {
                history[i] = r.nextInt(rows);
                weights[i] = 0.1f + r.nextFloat();
                historySet.set(history[i]);
            }
            int k = Math.min(1 + r.nextInt(30), rows - historySet.cardinality());
            float[] pooled = reference.pool(history, weights);
            OrtScorer.Answer got = scan.topK(pooled, historySet, k);
            if (got.exact()) {
                certified++;
                Ranked want = reference.topK(pooled, k, i -> !historySet.get(i));
                try {
                    assertArrayEquals(want.items(), got.ranked().items());
                    assertArrayEquals(want.scores(), got.ranked().scores(), 0f);
                } catch (AssertionError e) {
                    wrong++;
                }
            }
        }
        return new Outcome(queries, certified, wrong);
    }

    static EmbeddingTable gaussian(Random r, int rows, int dims) {
        float[] data = new float[rows * dims];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        return new EmbeddingTable(rows, dims, data);
    }

    /** Exact duplicates, in place: row i becomes row i mod period (equal scores must go to the lower index). */
    static float[] duplicated(float[] rows, int dims, int period) {
        for (int i = 0; i < rows.length / dims; i++) {
            System.arraycopy(rows, (i % period) * dims, rows, i * dims, dims);
        }
        return rows;
    }

    /** Near-ties, in place: copies of the first 20 rows moved by far less than one int8 step. */
    static float[] nearTies(Random r, float[] rows, int dims) {
        for (int i = 0; i < rows.length / dims; i++) {
            for (int j = 0; j < dims; j++) {
                rows[i * dims + j] = rows[(i % 20) * dims + j] + (float) (r.nextGaussian() * 1e-4);
            }
        }
        return rows;
    }

    /** Every row the same non-zero vector. */
    static float[] allEqual(int rows, int dims) {
        float[] equal = new float[rows * dims];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < dims; j++) {
                equal[i * dims + j] = 0.25f * (j + 1);
            }
        }
        return equal;
    }
}
