package dev.assocrec.functions.scoring;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A kernel variant for the profile (bench only): {@link VectorCoarseKernel}'s arithmetic with in-lane widening. A
 * byte vector read as shorts holds items 2m and 2m + 1 in each lane, sign-extended by shifts instead of cross-lane
 * conversions, and the 16-bit sums read as ints the same way, so lane m of the four int accumulators holds items
 * 4m, 4m + 2, 4m + 1 and 4m + 3.
 */
final class ShiftCoarseKernel implements CoarseKernel {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

    private final int group;
    private final int pooledLevels;

    ShiftCoarseKernel(int group) {
        this.group = group;
        this.pooledLevels = VectorCoarseKernel.pooledLevels(group);
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
        int width = table.width;
        int dims = table.paddedDims;
        int g = group;
        byte[] data = table.blocked;
        int[] lanesOut = new int[INTS.length()];
        for (int b = 0; b < table.blocks; b++) {
            IntVector a0 = IntVector.zero(INTS);
            IntVector a1 = a0;
            IntVector a2 = a0;
            IntVector a3 = a0;
            int off = b * width * dims;
            for (int j = 0; j < dims; j += g) {
                ShortVector even = ShortVector.zero(SHORTS);
                ShortVector odd = even;
                for (int d = j; d < j + g; d++) {
                    ShortVector pair = ByteVector.fromArray(BYTES, data, off + d * width).reinterpretAsShorts();
                    short q = (short) pooledLevels[d];
                    even = even.add(pair.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 8).mul(q));
                    odd = odd.add(pair.lanewise(VectorOperators.ASHR, 8).mul(q));
                }
                IntVector e = even.reinterpretAsInts();
                IntVector o = odd.reinterpretAsInts();
                a0 = a0.add(e.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                a1 = a1.add(e.lanewise(VectorOperators.ASHR, 16));
                a2 = a2.add(o.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                a3 = a3.add(o.lanewise(VectorOperators.ASHR, 16));
            }
            int item = b * width;
            VectorCoarseKernel.offerAbove(a0, item, 4, selection, lanesOut);
            VectorCoarseKernel.offerAbove(a1, item + 2, 4, selection, lanesOut);
            VectorCoarseKernel.offerAbove(a2, item + 1, 4, selection, lanesOut);
            VectorCoarseKernel.offerAbove(a3, item + 3, 4, selection, lanesOut);
        }
    }
}
