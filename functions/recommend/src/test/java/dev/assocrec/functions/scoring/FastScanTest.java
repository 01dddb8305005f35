package dev.assocrec.functions.scoring;

import static dev.assocrec.functions.scoring.ScanOracle.allEqual;
import static dev.assocrec.functions.scoring.ScanOracle.duplicated;
import static dev.assocrec.functions.scoring.ScanOracle.gaussian;
import static dev.assocrec.functions.scoring.ScanOracle.nearTies;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.functions.scoring.ScanOracle.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The served fast scan ({@link FastScan}, through {@link CataloguePass} as serving calls it): every answer equals the
 * full float32 scan's bit for bit (it is always certified), every kernel sum is the table sum of the item's codes and
 * every bound holds, on random, duplicated, near-tied, all-equal and all-zero tables, odd widths and a partial last
 * block, histories masked. Both forms run at whatever vector size this CPU has (byte codes only with 64 byte lanes):
 * the answers do not depend on it.
 */
class FastScanTest {
    @Test
    void everyAnswerIsTheFullScansAndEveryBoundHolds() {
        Random r = new Random(31);
        int width = FastScan.BYTES.length();
        for (int dims : new int[] {48, 37, 50}) {
            int rows = width * 37 + 23; // an odd number of blocks, the last one partial
            EmbeddingTable context = gaussian(r, rows, dims);
            float[] base = gaussian(r, rows, dims).data();
            float[][] tables = {base, duplicated(base.clone(), dims, 97), nearTies(r, base.clone(), dims),
                allEqual(rows, dims), new float[rows * dims]};
            String[] names = {"gaussian", "duplicated", "near-tied", "all rows equal", "all zero"};
            for (int t = 0; t < tables.length; t++) {
                EmbeddingTable target = new EmbeddingTable(rows, dims, tables[t]);
                ReferenceScorer reference = new ReferenceScorer(context, target);
                for (FastScan f : forms(target)) {
                    String name = names[t] + ", " + dims + " dims, " + f.form();
                    for (int q = 0; q < 8; q++) {
                        assertEquals(0, f.boundViolations(randomPooled(r, dims)), name + ": rows above a bound");
                    }
                    Outcome o = ScanOracle.compare(new Random(41 + t), reference, f, rows, 300);
                    assertEquals(o.queries(), o.certified(), name + ": every fast-scan answer is exact");
                    assertEquals(0, o.wrong(), name + ": answers unlike the full scan");
                }
            }
        }
    }

    @Test
    void theFilterKeepsExactlyThePositionsWhoseFirstBoundReaches() {
        Random r = new Random(12);
        int lanes = FastScan.SHORTS.length();
        for (int t = 0; t < 300; t++) {
            int n = lanes * (1 + r.nextInt(40)) + (t % 5 == 0 ? 7 : 0); // a tail the vectors do not cover
            short[] bounds = new short[n];
            short[] rho = new short[n];
            int spread = 1 + r.nextInt(65536);
            for (int p = 0; p < n; p++) {
                bounds[p] = (short) (r.nextInt(spread) - 0x8000);
                rho[p] = (short) (r.nextInt(8) == 0 ? 255 : r.nextInt(1 + r.nextInt(256)));
            }
            long perLevel16 = t % 17 == 0 ? Long.MAX_VALUE / 64 : r.nextInt(1 + r.nextInt(5000));
            long from = t % 11 == 0 ? Long.MIN_VALUE : (long) (((long) spread << 4) * (0.5 + r.nextDouble()));
            int[] want = java.util.stream.IntStream.range(0, n)
                    .filter(p -> ((bounds[p] + 0x8000L) << 4) + rho[p] * perLevel16 >= from).toArray();
            assertArrayEquals(want, FastScan.passing(bounds, rho, perLevel16, from),
                    "case " + t);
        }
    }

    @Test
    void smallCatalogsAndLongHistoriesAreAnsweredWhole() {
        // Fewer items than k + seeds, and histories that leave fewer items than k.
        Random r = new Random(5);
        EmbeddingTable target = gaussian(r, 40, 12);
        ReferenceScorer reference = new ReferenceScorer(gaussian(r, 40, 12), target);
        for (FastScan f : forms(target)) {
            Outcome o = ScanOracle.compare(new Random(6), reference, f, 40, 300);
            assertEquals(0, o.wrong(), f.form());
            assertEquals(o.queries(), o.certified(), f.form());
        }
    }

    @Test
    void autoBuildsItForWideTablesAndLargeCataloguesAndAPinServesIt() {
        assertTrue(CoarsePassChoice.timesFastScan(1_000_000, 64), "1M x 64: its int8 copy is past the cache");
        assertTrue(CoarsePassChoice.timesFastScan(524_288, 64));
        assertFalse(CoarsePassChoice.timesFastScan(524_287, 64), "100k x 64 was faster through the int8 pass");
        assertTrue(CoarsePassChoice.timesFastScan(3, CoarsePassChoice.FAST_SCAN_DIMS));
        assertEquals(1, FastScan.served(gaussian(new Random(1), 40, 64)).subDims, "narrow tables: 1-dim codes");
        Random r = new Random(8);
        EmbeddingTable narrow = gaussian(r, 2_000, 64);
        try (CataloguePass scan = CoarsePassChoice.ifAvailable(new ReferenceScorer(narrow, narrow), narrow)) {
            assertFalse(CoarsePassChoice.served(scan) instanceof FastScan,
                    "a 64-dim table is not given a fast scan: " + scan.kernelChoice());
            assertTrue(!scan.kernelChoice().contains("fast scan"), scan.kernelChoice());
        }
        EmbeddingTable wide = gaussian(r, 1_500, CoarsePassChoice.FAST_SCAN_DIMS);
        ReferenceScorer reference = new ReferenceScorer(gaussian(r, 1_500, CoarsePassChoice.FAST_SCAN_DIMS), wide);
        try (CataloguePass scan = CoarsePassChoice.ifAvailable(reference, wide)) {
            assertTrue(scan.kernelChoice().contains("fast scan") && scan.kernelChoice().contains(" ms p50 vs "),
                    "auto times the fast scan against the int8 pass at " + wide.dims() + " dims: " + scan.kernelChoice());
            Outcome o = ScanOracle.compare(new Random(9), reference, scan, wide.rows(), 200);
            assertEquals(0, o.wrong(), scan.kernelChoice());
        }
        try (CataloguePass pinned = CoarsePassChoice.ifAvailable(reference, wide, 1, ScoringSettings.KernelChoice.FASTSCAN)) {
            assertInstanceOf(FastScan.class, CoarsePassChoice.served(pinned),
                    "the int8 pass's blocked copy is not kept beside the fast scan");
            assertTrue(pinned.kernelChoice().startsWith("fast scan") && pinned.kernelChoice().contains("(pinned"),
                    pinned.kernelChoice());
            Outcome o = ScanOracle.compare(new Random(10), reference, pinned, wide.rows(), 300);
            assertEquals(o.queries(), o.certified());
            assertEquals(0, o.wrong());
        }
        try (CataloguePass int8 = CoarsePassChoice.ifAvailable(reference, wide, 1, ScoringSettings.KernelChoice.JAVA)) {
            assertFalse(CoarsePassChoice.served(int8) instanceof FastScan, "pinning an int8 kernel pins the fast scan off");
            assertSame(VectorCoarseKernel.class, ((QuantizedScan) CoarsePassChoice.served(int8)).kernel().getClass());
        }
    }

    @Test
    void aMarginKeepsTheSecondPassUnlessTheFirstIsThatMuchFaster() {
        EmbeddingTable table = gaussian(new Random(13), 300, 16);
        FastScan pass = FastScan.served(table);
        // The same pass, each answer delayed by the given time (far above the pass's own): the choice sees their medians.
        CataloguePass quick = slowed(pass, 4_000_000, "quick");
        CataloguePass slower = slowed(pass, 6_000_000, "slower");
        CataloguePass slowest = slowed(pass, 12_000_000, "slowest");
        assertEquals("quick", CoarsePassChoice.served(CoarsePassChoice.faster(quick, slower, table, 15, 1.0)).kernelChoice());
        assertEquals("slower", CoarsePassChoice.served(CoarsePassChoice.faster(quick, slower, table, 15, 2.0)).kernelChoice(),
                "within the margin the second pass is kept");
        assertEquals("quick", CoarsePassChoice.served(CoarsePassChoice.faster(quick, slowest, table, 15, 2.0)).kernelChoice(),
                "beyond it the first");
    }

    private static CataloguePass slowed(CataloguePass pass, long nanos, String name) {
        return new CataloguePass() {
            @Override
            public OrtScorer.Answer topK(float[] pooled, java.util.BitSet history, int k) {
                OrtScorer.Answer answer = pass.topK(pooled, history, k);
                long until = System.nanoTime() + nanos;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                return answer;
            }

            @Override
            public String kernelChoice() {
                return name;
            }

            @Override
            public long byteSize() {
                return pass.byteSize();
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Every served form on this table: the one its width gets (1-dim 4-bit codes below {@link FastScan#WIDE_DIMS}), the
     * wide form (3-dim byte codes with 64 byte lanes) and 2-dim 4-bit codes (the wide form on narrower vectors).
     */
    private static List<FastScan> forms(EmbeddingTable target) {
        List<FastScan> forms = new ArrayList<>();
        forms.add(FastScan.served(target));
        if (FastScan.BYTES.length() >= FastScan.BYTE_CENTROIDS) {
            forms.add(new FastScan(target, 3, true));
        }
        forms.add(new FastScan(target, 2, false));
        return forms;
    }

    private static float[] randomPooled(Random r, int dims) {
        float[] u = new float[dims];
        for (int j = 0; j < dims; j++) {
            u[j] = (float) r.nextGaussian();
        }
        return u;
    }
}
