package dev.assocrec.functions.scoring;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The coarse pass in the Java Vector API. Per block and pair of dimensions, two loads read the levels of
 * {@code width} items; each is widened to short lanes and multiplied by its dimension's pooled level, the
 * two products are added in 16 bits (|q₁t₁ + q₂t₂| ≤ 2·127² = 32258 fits a short, so this is exact),
 * and only that sum is widened to the int accumulators: half the widenings of a per-dimension int
 * product, and short multiplies are cheaper than int ones. Integer arithmetic is exact on every platform
 * (no saturating pair sums as in x86's vpmaddubsw), and the preferred species makes it 512-bit on
 * AVX-512, 256-bit on AVX2 and 128-bit on arm64 NEON.
 */
final class VectorCoarseKernel implements CoarseKernel {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

    static {
        if (BYTES.length() != 4 * INTS.length() || BYTES.length() != 2 * SHORTS.length()) {
            throw new IllegalStateException("unexpected vector shapes " + BYTES + " / " + SHORTS + " / " + INTS);
        }
    }

    private final int group;
    private final int pooledLevels;

    /** Pairs of dimensions with pooled levels up to ±127. */
    VectorCoarseKernel() {
        this(2);
    }

    /** {@code group} dimensions summed in 16 bits: pooled levels up to ±(32767 / (group·127)), capped at 127. */
    VectorCoarseKernel(int group) {
        this.group = group;
        this.pooledLevels = pooledLevels(group);
    }

    /** The pooled levels a 16-bit sum of {@code group} products holds exactly (also the bench's kernel variants). */
    static int pooledLevels(int group) {
        if (group < 1 || Short.MAX_VALUE / (group * Int8Table.LEVELS) < 1) {
            throw new IllegalArgumentException("dimension group must be 1.." + Short.MAX_VALUE / Int8Table.LEVELS + ", was " + group);
        }
        return Math.min(Int8Table.LEVELS, Short.MAX_VALUE / (group * Int8Table.LEVELS));
    }

    @Override
    public int width() {
        return BYTES.length();
    }

    @Override
    public int group() {
        return group;
    }

    @Override
    public int pooledLevels() {
        return pooledLevels;
    }

    @Override
    public void scan(Int8Table table, int[] pooledLevels, CoarseSelection selection) {
        int[] lanesOut = new int[INTS.length()];
        for (int first = 0; first < table.blocks; first += CHUNK_BLOCKS) {
            scanBlocks(table, pooledLevels, selection, first, Math.min(table.blocks, first + CHUNK_BLOCKS), lanesOut);
        }
    }

    private void scanBlocks(Int8Table table, int[] pooledLevels, CoarseSelection selection, int first, int end,
                            int[] lanesOut) {
        int width = table.width;
        int dims = table.paddedDims;
        int lanes = INTS.length();
        int g = group;
        byte[] data = table.blocked;
        for (int b = first; b < end; b++) {
            IntVector a0 = IntVector.zero(INTS);
            IntVector a1 = a0;
            IntVector a2 = a0;
            IntVector a3 = a0;
            int off = b * width * dims;
            for (int j = 0; j < dims; j += g) {
                ShortVector low = ShortVector.zero(SHORTS);
                ShortVector high = low;
                for (int d = j; d < j + g; d++) {
                    ByteVector levels = ByteVector.fromArray(BYTES, data, off + d * width);
                    short q = (short) pooledLevels[d];
                    low = low.add(shorts(levels, 0).mul(q));
                    high = high.add(shorts(levels, 1).mul(q));
                }
                a0 = a0.add(ints(low, 0));
                a1 = a1.add(ints(low, 1));
                a2 = a2.add(ints(high, 0));
                a3 = a3.add(ints(high, 1));
            }
            int item = b * width;
            offerAbove(a0, item, selection, lanesOut);
            offerAbove(a1, item + lanes, selection, lanesOut);
            offerAbove(a2, item + 2 * lanes, selection, lanesOut);
            offerAbove(a3, item + 3 * lanes, selection, lanesOut);
        }
    }

    private static ShortVector shorts(ByteVector v, int part) {
        return (ShortVector) v.convertShape(VectorOperators.B2S, SHORTS, part);
    }

    private static IntVector ints(ShortVector v, int part) {
        return (IntVector) v.convertShape(VectorOperators.S2I, INTS, part);
    }

    private static void offerAbove(IntVector scores, int first, CoarseSelection selection, int[] lanesOut) {
        offerAbove(scores, first, 1, selection, lanesOut);
    }

    /**
     * Offers the lanes of {@code scores} (items first, first + stride, …) when any reaches the selection's running
     * threshold: most blocks have none, and one compare skips them (every coarse kernel's last step).
     */
    static void offerAbove(IntVector scores, int first, int stride, CoarseSelection selection, int[] lanesOut) {
        if (!scores.compare(VectorOperators.GE, selection.threshold()).anyTrue()) {
            return;
        }
        scores.intoArray(lanesOut, 0);
        for (int i = 0; i < lanesOut.length; i++) {
            selection.offer(first + stride * i, lanesOut[i]);
        }
    }
}
