package dev.assocrec.functions.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import java.util.BitSet;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The Java two-stage scan against the full float32 scan ({@link ReferenceScorer}): every certified answer
 * is the full scan's, bit for bit, on random tables and on adversarial ones (duplicated rows, rows closer
 * than one int8 step, all rows equal, an all-zero table), and the SIMD kernel's integer scores are the
 * exact integer dot products.
 */
class QuantizedScanTest {
    private static final VectorCoarseKernel KERNEL = new VectorCoarseKernel();

    @Test
    void theVectorApiIsAvailableToTheTests() {
        Random r = new Random(1);
        EmbeddingTable t = gaussian(r, 100, 8);
        assertNotNull(QuantizedScan.ifAvailable(new ReferenceScorer(t, t), t),
                "surefire runs with --add-modules jdk.incubator.vector, so the Java coarse pass must be used");
    }

    @Test
    void kernelScoresAreTheExactIntegerDotProducts() {
        Random r = new Random(2);
        for (int group : new int[] {1, 2, 4, 8, 16}) {
            VectorCoarseKernel kernel = new VectorCoarseKernel(group);
            int maxLevel = kernel.pooledLevels();
            for (int dims : new int[] {1, 7, 64, 130, -64}) {
                // dims -64: every level at its largest, so each group's 16-bit sum is group·127·maxLevel, its bound.
                boolean extreme = dims < 0;
                dims = Math.abs(dims);
                // Not a whole number of blocks: the padding rows must never be offered.
                int rows = 3 * kernel.width() + 5;
                EmbeddingTable values = gaussian(r, rows, dims);
                if (extreme) {
                    for (int i = 0; i < values.data().length; i++) {
                        values.data()[i] = 1f;
                    }
                }
                Int8Table table = new Int8Table(values, kernel.width(), kernel.group());
                int[] levels = new int[table.paddedDims];
                for (int j = 0; j < dims; j++) {
                    levels[j] = extreme ? maxLevel : r.nextInt(2 * maxLevel + 1) - maxLevel;
                }
                CoarseSelection all = new CoarseSelection(rows, rows, new BitSet());
                kernel.scan(table, levels, all);
                assertEquals(rows, all.size());
                float[] got = new float[rows];
                int[] items = all.drain(got);
                for (int i = 0; i < rows; i++) {
                    int item = items[i];
                    int want = 0;
                    for (int j = 0; j < dims; j++) {
                        int base = (item / table.width) * table.width * table.paddedDims + item % table.width;
                        want += levels[j] * table.blocked[base + j * table.width];
                    }
                    assertEquals(want, (int) got[i], "item " + item + ", dims " + dims + ", group " + group);
                }
            }
        }
    }

    @Test
    void certifiedAnswersEqualTheFullScanOnRandomTables() {
        Outcome o = onGaussianTables(3, 4_000, 32, 2_000);
        assertTrue(o.certified >= 0.95 * o.queries, "certified only " + o.certified + " of " + o.queries);
    }

    @Test
    void certifiedAnswersEqualTheFullScanOnAdversarialTables() {
        Random r = new Random(4);
        int rows = 2_000;
        int dims = 16;
        EmbeddingTable context = gaussian(r, rows, dims);

        // Exact duplicates: equal scores must go to the lower index, as in the full scan.
        float[] dup = gaussian(r, rows, dims).data();
        for (int i = 0; i < rows; i++) {
            System.arraycopy(dup, (i % 50) * dims, dup, i * dims, dims);
        }
        // Near-ties: copies of a few rows moved by far less than one int8 step.
        float[] near = gaussian(r, rows, dims).data();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < dims; j++) {
                near[i * dims + j] = near[(i % 20) * dims + j] + (float) (r.nextGaussian() * 1e-4);
            }
        }
        float[] equal = new float[rows * dims];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < dims; j++) {
                equal[i * dims + j] = 0.25f * (j + 1);
            }
        }
        float[][] tables = {dup, near, equal, new float[rows * dims]};
        String[] names = {"duplicates", "near-ties", "all rows equal", "all zero"};
        for (int m = 0; m < tables.length; m++) {
            for (int margin : new int[] {0, QuantizedScan.MARGIN}) {
                Outcome o = compare(r, context, new EmbeddingTable(rows, dims, tables[m]), 500, margin);
                assertEquals(0, o.wrong, names[m] + ", margin " + margin + ": certified answers that differ");
            }
        }
        // With margin 0 the near-tie boundary cannot be certified: the certificate must refuse, not guess.
        Outcome nearTies = compare(r, context, new EmbeddingTable(rows, dims, near), 200, 0);
        assertTrue(nearTies.certified < nearTies.queries, "every near-tie answer was certified");
    }

    @Test
    void historyIsExcludedAndSmallCatalogsAreCertifiedWhole() {
        // Fewer items than k + margin: every non-history item is a candidate, so every answer is exact.
        Outcome o = onGaussianTables(5, 40, 12, 300);
        assertEquals(o.queries, o.certified);
    }

    private record Outcome(int queries, int certified, int wrong) {}

    /** Random context and target tables; fails on any certified answer unlike the full scan. */
    private static Outcome onGaussianTables(long seed, int rows, int dims, int queries) {
        Random r = new Random(seed);
        EmbeddingTable target = gaussian(r, rows, dims);
        Outcome o = compare(r, gaussian(r, rows, dims), target, queries, QuantizedScan.MARGIN);
        assertEquals(0, o.wrong, o.wrong + " certified answers differ from the full scan");
        return o;
    }

    /** Random histories and k; counts certified answers and certified answers unlike the full scan. */
    private static Outcome compare(Random r, EmbeddingTable context, EmbeddingTable target, int queries, int margin) {
        ReferenceScorer reference = new ReferenceScorer(context, target);
        QuantizedScan scan = new QuantizedScan(reference, target, KERNEL, margin);
        int rows = target.rows();
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
                IntPredicate notHistory = i -> !historySet.get(i);
                Ranked want = reference.topK(pooled, k, notHistory);
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

    private static EmbeddingTable gaussian(Random r, int rows, int dims) {
        float[] data = new float[rows * dims];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        return new EmbeddingTable(rows, dims, data);
    }
}
