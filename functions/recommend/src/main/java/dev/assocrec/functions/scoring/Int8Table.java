package dev.assocrec.functions.scoring;

import dev.assocrec.contract.EmbeddingTable;

/**
 * The target table quantised for the Java coarse pass, built at load from the float table: one
 * symmetric scale, levels in [-127, 127] (Java's integer arithmetic never saturates, unlike the 7-bit
 * copy the ONNX graph needs), laid out in blocks of {@code width} items with the (padded) dimensions outermost
 * inside a block, so one vector load reads one dimension of {@code width} neighbouring items.
 *
 * <p>Beside the bytes it keeps what the certificate needs, measured in double precision against the
 * dequantised values and rounded up: the largest row norm T and the largest row quantisation error R.
 */
final class Int8Table {
    static final int LEVELS = 127;

    final int rows;
    final int dims;
    /** dims rounded up to a whole number of the kernel's dimension groups; the extra ones are all zero. */
    final int paddedDims;
    final int width;
    final int blocks;
    final float scale;
    final double maxRowNorm;
    final double maxRowError;
    /** blocks × paddedDims × width; the last block is padded with zero rows, never offered as candidates. */
    final byte[] blocked;

    Int8Table(EmbeddingTable target, int width, int group) {
        this.rows = target.rows();
        this.dims = target.dims();
        this.paddedDims = (dims + group - 1) / group * group;
        this.width = width;
        this.blocks = (rows + width - 1) / width;
        float[] t = target.data();
        float maxAbs = 0;
        for (float v : t) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        // An all-zero table still needs a positive scale: every level is 0 and so is every bound.
        this.scale = maxAbs > 0 ? maxAbs / LEVELS : 1f;
        this.blocked = new byte[Math.multiplyExact(Math.multiplyExact(blocks, width), paddedDims)];
        double norm2 = 0;
        double error2 = 0;
        for (int item = 0; item < rows; item++) {
            int base = (item / width) * width * paddedDims + item % width;
            int row = item * dims;
            double n = 0;
            double e = 0;
            for (int j = 0; j < dims; j++) {
                float v = t[row + j];
                int level = Math.max(-LEVELS, Math.min(LEVELS, Math.round(v / scale)));
                blocked[base + j * width] = (byte) level;
                double diff = v - (double) scale * level;
                n += (double) v * v;
                e += diff * diff;
            }
            norm2 = Math.max(norm2, n);
            error2 = Math.max(error2, e);
        }
        this.maxRowNorm = Math.nextUp(Math.sqrt(norm2));
        this.maxRowError = Math.nextUp(Math.sqrt(error2));
    }

    long byteSize() {
        return blocked.length;
    }
}
