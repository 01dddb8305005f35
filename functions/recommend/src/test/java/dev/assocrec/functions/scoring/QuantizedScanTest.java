package dev.assocrec.functions.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.assocrec.functions.scoring.ScanOracle.allEqual;
import static dev.assocrec.functions.scoring.ScanOracle.duplicated;
import static dev.assocrec.functions.scoring.ScanOracle.gaussian;
import static dev.assocrec.functions.scoring.ScanOracle.nearTies;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import java.util.BitSet;
import java.util.Random;
import dev.assocrec.functions.scoring.ScanOracle.Outcome;
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
        assertTrue(o.certified() >= 0.95 * o.queries(), "certified only " + o.certified() + " of " + o.queries());
    }

    @Test
    void certifiedAnswersEqualTheFullScanOnAdversarialTables() {
        Random r = new Random(4);
        int rows = 2_000;
        int dims = 16;
        EmbeddingTable context = gaussian(r, rows, dims);

        float[] dup = duplicated(gaussian(r, rows, dims).data(), dims, 50);
        float[] near = nearTies(r, gaussian(r, rows, dims).data(), dims);
        float[] equal = allEqual(rows, dims);
        float[][] tables = {dup, near, equal, new float[rows * dims]};
        String[] names = {"duplicates", "near-ties", "all rows equal", "all zero"};
        for (int m = 0; m < tables.length; m++) {
            for (int margin : new int[] {0, QuantizedScan.MARGIN}) {
                Outcome o = compare(r, context, new EmbeddingTable(rows, dims, tables[m]), 500, margin);
                assertEquals(0, o.wrong(), names[m] + ", margin " + margin + ": certified answers that differ");
            }
        }
        // With margin 0 the near-tie boundary cannot be certified: the certificate must refuse, not guess.
        Outcome nearTies = compare(r, context, new EmbeddingTable(rows, dims, near), 200, 0);
        assertTrue(nearTies.certified() < nearTies.queries(), "every near-tie answer was certified");
    }

    @Test
    void historyIsExcludedAndSmallCatalogsAreCertifiedWhole() {
        // Fewer items than k + margin: every non-history item is a candidate, so every answer is exact.
        Outcome o = onGaussianTables(5, 40, 12, 300);
        assertEquals(o.queries(), o.certified());
    }

    /** Random context and target tables; fails on any certified answer unlike the full scan. */
    private static Outcome onGaussianTables(long seed, int rows, int dims, int queries) {
        Random r = new Random(seed);
        EmbeddingTable target = gaussian(r, rows, dims);
        Outcome o = compare(r, gaussian(r, rows, dims), target, queries, QuantizedScan.MARGIN);
        assertEquals(0, o.wrong(), o.wrong() + " certified answers differ from the full scan");
        return o;
    }

    private static Outcome compare(Random r, EmbeddingTable context, EmbeddingTable target, int queries, int margin) {
        ReferenceScorer reference = new ReferenceScorer(context, target);
        return ScanOracle.compare(r, reference, new QuantizedScan(reference, target, KERNEL, margin), target.rows(), queries);
    }
}
