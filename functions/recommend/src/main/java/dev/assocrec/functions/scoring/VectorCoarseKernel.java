package dev.assocrec.functions.scoring;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The coarse pass in the Java Vector API: per block, one load per dimension reads the levels of
 * {@code width} items, widened to int lanes, multiplied by that dimension's pooled level and added.
 * Integer arithmetic is exact on every platform (no saturating pair sums as in x86's vpmaddubsw), and the
 * preferred species makes it 512-bit on AVX-512, 256-bit on AVX2 and 128-bit on arm64 NEON.
 */
final class VectorCoarseKernel implements CoarseKernel {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
    /** Int lanes of the same vector size: one byte vector widens into four of them. */
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final int PARTS = 4;

    @Override
    public int width() {
        return BYTES.length();
    }

    @Override
    public void scan(Int8Table table, int[] pooledLevels, CoarseSelection selection) {
        int width = table.width;
        int dims = table.dims;
        int lanes = INTS.length();
        byte[] data = table.blocked;
        int[] lanesOut = new int[lanes];
        for (int b = 0; b < table.blocks; b++) {
            IntVector a0 = IntVector.zero(INTS);
            IntVector a1 = a0;
            IntVector a2 = a0;
            IntVector a3 = a0;
            int off = b * width * dims;
            for (int j = 0; j < dims; j++) {
                ByteVector v = ByteVector.fromArray(BYTES, data, off + j * width);
                int q = pooledLevels[j];
                a0 = a0.add(((IntVector) v.convertShape(VectorOperators.B2I, INTS, 0)).mul(q));
                a1 = a1.add(((IntVector) v.convertShape(VectorOperators.B2I, INTS, 1)).mul(q));
                a2 = a2.add(((IntVector) v.convertShape(VectorOperators.B2I, INTS, 2)).mul(q));
                a3 = a3.add(((IntVector) v.convertShape(VectorOperators.B2I, INTS, 3)).mul(q));
            }
            int first = b * width;
            offerAbove(a0, first, selection, lanesOut);
            offerAbove(a1, first + lanes, selection, lanesOut);
            offerAbove(a2, first + 2 * lanes, selection, lanesOut);
            offerAbove(a3, first + 3 * lanes, selection, lanesOut);
        }
    }

    private static void offerAbove(IntVector scores, int first, CoarseSelection selection, int[] lanesOut) {
        if (!scores.compare(VectorOperators.GE, selection.threshold()).anyTrue()) {
            return;
        }
        scores.intoArray(lanesOut, 0);
        for (int i = 0; i < lanesOut.length; i++) {
            selection.offer(first + i, lanesOut[i]);
        }
    }

    static {
        if (BYTES.vectorBitSize() != INTS.vectorBitSize() || BYTES.length() != PARTS * INTS.length()) {
            throw new IllegalStateException("unexpected vector shapes " + BYTES + " / " + INTS);
        }
    }
}
