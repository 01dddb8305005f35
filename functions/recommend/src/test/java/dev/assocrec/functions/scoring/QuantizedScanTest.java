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
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import dev.assocrec.functions.scoring.ScanOracle.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The Java two-stage scan against the full float32 scan ({@link ReferenceScorer}), with each coarse kernel (the
 * Java Vector API one and ONNX Runtime's integer GEMM): every certified answer is the full scan's, bit for bit, on
 * random tables and on adversarial ones (duplicated rows, rows closer than one int8 step, all rows equal, an
 * all-zero table), and both kernels' integer scores are the exact integer dot products.
 */
class QuantizedScanTest {
    /** The coarse kernels every oracle test runs with (a new ONNX Runtime one per table: it holds its table). */
    private static final List<Supplier<CoarseKernel>> KERNELS = List.of(VectorCoarseKernel::new, () -> new OrtCoarseKernel(1));

    @Test
    void theVectorApiIsAvailableToTheTests() {
        Random r = new Random(1);
        EmbeddingTable t = gaussian(r, 100, 8);
        assertNotNull(CoarsePassChoice.ifAvailable(new ReferenceScorer(t, t), t),
                "surefire runs with --add-modules jdk.incubator.vector, so the Java coarse pass must be used");
    }

    @Test
    void servingReadsEveryDimensionOfWideTables() {
        // The low-rank form (LowRankProjection, functions/bench) is for the kernel profile: on trained 512-dim tables it
        // certified 0–7 % of answers, so serving quantises all 128 columns here.
        Random r = new Random(14);
        EmbeddingTable target = gaussian(r, 700, 128);
        try (CataloguePass scan = CoarsePassChoice.ifAvailable(new ReferenceScorer(target, target), target)) {
            assertEquals(target.dims(), ((QuantizedScan) CoarsePassChoice.served(scan)).table().dims);
        }
    }

    @Test
    void aPinnedKernelIsTheOnlyOneBuiltAndItsAnswersEqualTheFullScan() {
        Random r = new Random(8);
        EmbeddingTable context = gaussian(r, 4_000, 32);
        EmbeddingTable target = gaussian(r, 4_000, 32);
        ReferenceScorer reference = new ReferenceScorer(context, target);
        for (var pin : List.of(ScoringSettings.KernelChoice.JAVA, ScoringSettings.KernelChoice.ONNX)) {
            Class<?> expected = pin == ScoringSettings.KernelChoice.JAVA ? VectorCoarseKernel.class : OrtCoarseKernel.class;
            try (CataloguePass scan = CoarsePassChoice.ifAvailable(reference, target, 1, pin)) {
                assertNotNull(scan, pin.toString());
                assertEquals(expected, ((QuantizedScan) CoarsePassChoice.served(scan)).kernel().getClass(), pin.toString());
                assertTrue(scan.kernelChoice().startsWith(expected.getSimpleName() + " (pinned"), scan.kernelChoice());
                Outcome o = ScanOracle.compare(new Random(9), reference, scan, target.rows(), 1_000);
                assertEquals(0, o.wrong(), pin + ": certified answers unlike the full scan");
                assertTrue(o.certified() >= 0.95 * o.queries(), pin + ": certified only " + o.certified() + " of " + o.queries());
            }
        }
        try (CataloguePass timed = CoarsePassChoice.ifAvailable(reference, target, 1, ScoringSettings.KernelChoice.AUTO)) {
            assertTrue(timed.kernelChoice().contains(" ms p50 vs "), "auto times both kernels: " + timed.kernelChoice());
        }
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
                assertScoresAreDotProducts(kernel, table, table, levels, "dims " + dims + ", group " + group);
            }
        }
    }

    @Test
    void onnxRuntimeKernelScoresAreTheExactIntegerDotProducts() {
        Random r = new Random(6);
        for (int dims : new int[] {1, 7, 64, 130, 512, -64, -512}) {
            // Negative: every level at its largest (query ±127, table 63), the worst case for 16-bit pair sums.
            boolean extreme = dims < 0;
            dims = Math.abs(dims);
            for (int sign : extreme ? new int[] {1, -1} : new int[] {1}) {
                int rows = 1_000 + r.nextInt(100); // not a multiple of the threshold pass's vector width
                EmbeddingTable values = gaussian(r, rows, dims);
                if (extreme) {
                    java.util.Arrays.fill(values.data(), 1f);
                }
                Int8Table levelsOfTable = new Int8Table(values, rows, 1, OrtCoarseKernel.TABLE_LEVELS);
                int[] levels = new int[dims];
                for (int j = 0; j < dims; j++) {
                    levels[j] = extreme ? sign * Int8Table.LEVELS : r.nextInt(2 * Int8Table.LEVELS + 1) - Int8Table.LEVELS;
                }
                try (OrtCoarseKernel kernel = new OrtCoarseKernel(1)) {
                    Int8Table table = kernel.quantize(values);
                    assertEquals(null, table.blocked, "the Java copy of the bytes is dropped");
                    assertScoresAreDotProducts(kernel, table, levelsOfTable, levels, "dims " + dims + ", sign " + sign);
                }
            }
        }
    }

    /**
     * Every row of {@code scanned} offered by {@code kernel} with its exact integer score: the dot product of
     * {@code levels} with the row's bytes in {@code bytes} (the same table with its blocked bytes kept).
     */
    private static void assertScoresAreDotProducts(CoarseKernel kernel, Int8Table scanned, Int8Table bytes, int[] levels,
                                                   String what) {
        int rows = bytes.rows;
        CoarseSelection all = new CoarseSelection(rows, rows, new BitSet());
        kernel.scan(scanned, levels, all);
        assertEquals(rows, all.size());
        float[] got = new float[rows];
        int[] items = all.drain(got);
        for (int i = 0; i < rows; i++) {
            int item = items[i];
            int base = (item / bytes.width) * bytes.width * bytes.paddedDims + item % bytes.width;
            int want = 0;
            for (int j = 0; j < bytes.paddedDims; j++) {
                want += levels[j] * bytes.blocked[base + j * bytes.width];
            }
            assertEquals(want, (int) got[i], "item " + item + ", " + what);
        }
    }

    @Test
    void certifiedAnswersEqualTheFullScanOnRandomTables() {
        for (Outcome o : onGaussianTables(3, 4_000, 32, 2_000)) {
            assertTrue(o.certified() >= 0.95 * o.queries(), "certified only " + o.certified() + " of " + o.queries());
        }
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
                for (Outcome o : compare(r, context, new EmbeddingTable(rows, dims, tables[m]), 500, margin)) {
                    assertEquals(0, o.wrong(), names[m] + ", margin " + margin + ": certified answers that differ");
                }
            }
        }
        // With margin 0 the near-tie boundary cannot be certified: the certificate must refuse, not guess.
        for (Outcome nearTies : compare(r, context, new EmbeddingTable(rows, dims, near), 200, 0)) {
            assertTrue(nearTies.certified() < nearTies.queries(), "every near-tie answer was certified");
        }
    }

    @Test
    void historyIsExcludedAndSmallCatalogsAreCertifiedWhole() {
        // Fewer items than k + margin: every non-history item is a candidate, so every answer is exact.
        for (Outcome o : onGaussianTables(5, 40, 12, 300)) {
            assertEquals(o.queries(), o.certified());
        }
    }

    /** Random context and target tables; fails on any certified answer unlike the full scan. One outcome per kernel. */
    private static List<Outcome> onGaussianTables(long seed, int rows, int dims, int queries) {
        Random r = new Random(seed);
        EmbeddingTable target = gaussian(r, rows, dims);
        List<Outcome> outcomes = compare(r, gaussian(r, rows, dims), target, queries, QuantizedScan.MARGIN);
        for (Outcome o : outcomes) {
            assertEquals(0, o.wrong(), o.wrong() + " certified answers differ from the full scan");
        }
        return outcomes;
    }

    /** The same queries (same seed) through each kernel. */
    private static List<Outcome> compare(Random r, EmbeddingTable context, EmbeddingTable target, int queries, int margin) {
        ReferenceScorer reference = new ReferenceScorer(context, target);
        long seed = r.nextLong();
        return KERNELS.stream().map(kernel -> {
            try (QuantizedScan scan = new QuantizedScan(reference, target, kernel.get(), margin)) {
                return ScanOracle.compare(new Random(seed), reference, scan, target.rows(), queries);
            }
        }).toList();
    }
}
