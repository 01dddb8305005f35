package dev.assocrec.functions.scoring;

import static dev.assocrec.functions.scoring.ScanOracle.duplicated;
import static dev.assocrec.functions.scoring.ScanOracle.gaussian;
import static dev.assocrec.functions.scoring.ScanOracle.nearTies;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The kernel profile's measured-only fast-scan forms ({@link FastScanForms}; the served ones are {@code FastScanTest}'s in
 * functions/recommend): every kernel sum is the table sum of the item's codes, every bound holds
 * ({@link FastScanForms#boundViolations}), the kernel variants' sums equal the served loop's bit for bit, and every answer
 * equals the full float32 scan's, on forms with the residual norm as a 4-bit code (1- and 2-dim), the residual codebook
 * as the second bound ({@code 2r}) and the clustered storage order ({@code 2b/8}), on gaussian, duplicated and near-tied
 * tables whose item count leaves an odd number of blocks and a partial last block.
 */
class FastScanFormsTest {
    private static final int K = 10;

    @Test
    void everyFormIsExactAndItsBoundsHold() {
        Random r = new Random(31);
        int rows = 64 * 37 + 23; // an odd number of 64-item blocks, the last one partial
        int dims = 48;
        float[] base = gaussian(r, rows, dims).data();
        float[][] tables = {base, duplicated(base, dims, 97), nearTies(r, base, dims)};
        String[] names = {"gaussian", "duplicated", "near-tied"};
        for (int t = 0; t < tables.length; t++) {
            EmbeddingTable target = new EmbeddingTable(rows, dims, tables[t]);
            EmbeddingTable context = gaussian(new Random(t), rows, dims);
            ReferenceScorer reference = new ReferenceScorer(context, target);
            for (String form : forms()) {
                FastScanForms f = build(reference, target, form);
                check(names[t] + " " + form, f, reference, rows, new Random(41 + t));
            }
        }
    }

    @Test
    void theKernelVariantsSumAlikeAndTheCToolsLayoutHoldsEveryItem() {
        Random r = new Random(32);
        int rows = 64 * 9 + 5;
        int dims = 40;
        EmbeddingTable target = gaussian(r, rows, dims);
        ReferenceScorer reference = new ReferenceScorer(gaussian(r, rows, dims), target);
        for (String form : forms()) {
            FastScanForms f = build(reference, target, form);
            if (!f.variantsApply()) {
                continue;
            }
            for (int q = 0; q < 20; q++) {
                FastScanForms.Query query = f.new Query(randomPooled(r, dims));
                short[] served = new short[f.blocks * f.width];
                f.scanVariant(0, query, served);
                for (int v = 1; v < FastScanForms.KERNEL_VARIANTS.length; v++) {
                    short[] other = new short[served.length];
                    f.scanVariant(v, query, other);
                    assertArrayEquals(served, other, form + ": variant " + FastScanForms.KERNEL_VARIANTS[v]);
                }
                if (!f.byteCodes) { // the C tool's codes: item i's code column t at (i / 64, t, i % 64)
                    byte[] codes = f.codes64();
                    for (int i = 0; i < rows; i++) {
                        for (int t = 0; t < f.columns; t++) {
                            int c = codes[((i / 64) * f.columns + t) * 64 + i % 64] & 0xFF;
                            assertEquals(f.code(i, 2 * t), c & 0x0F, form + " item " + i + " column " + t);
                        }
                    }
                }
            }
        }
    }

    private static String[] forms() {
        // 3x (for the kernel variants) needs 64 byte lanes (AVX-512); the others run at any vector size.
        return jdk.incubator.vector.ByteVector.SPECIES_PREFERRED.length() >= 64
                ? new String[] {"1", "2", "2r", "2b/8", "3x"} : new String[] {"1", "2", "2r", "2b/8"};
    }

    private static FastScanForms build(ReferenceScorer reference, EmbeddingTable target, String form) {
        String[] parts = form.split("/");
        int subDims = Integer.parseInt(parts[0].substring(0, 1));
        int clusters = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return new FastScanForms(reference, target, subDims, 16, 255, parts[0].endsWith("b"), parts[0].endsWith("r"),
                clusters, parts[0].endsWith("x"));
    }

    private static void check(String name, FastScanForms f, ReferenceScorer reference, int rows, Random r) {
        for (int q = 0; q < 30; q++) {
            int[] items = new int[1 + r.nextInt(20)];
            float[] weights = new float[items.length];
            BitSet history = new BitSet(rows);
            for (int i = 0; i < items.length; i++) {
                items[i] = r.nextInt(rows);
                weights[i] = 1;
                history.set(items[i]);
            }
            float[] pooled = reference.pool(items, weights);
            assertEquals(0, f.boundViolations(pooled), name + ": rows above a bound, query " + q);
            ReferenceScorer.Ranked want = reference.topK(pooled, K, i -> !history.get(i));
            ReferenceScorer.Ranked got = f.topK(pooled, history, K).ranked();
            assertArrayEquals(want.items(), got.items(), name + ": items, query " + q);
            assertArrayEquals(want.scores(), got.scores(), name + ": scores, query " + q);
        }
    }

    private static float[] randomPooled(Random r, int dims) {
        float[] u = new float[dims];
        for (int j = 0; j < dims; j++) {
            u[j] = (float) r.nextGaussian();
        }
        return u;
    }
}
