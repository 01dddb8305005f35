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
 * A kernel that keeps the bytes elsewhere (ONNX Runtime's pre-packed copy, {@link OrtCoarseKernel}) keeps only
 * these figures ({@link #withoutBytes()}).
 */
final class Int8Table {
    static final int LEVELS = 127;

    final int rows;
    final int dims;
    /** The largest |level|: {@link #LEVELS}, or 63 where a kernel's pair sums saturate at 16 bits. */
    final int levels;
    /** dims rounded up to a whole number of the kernel's dimension groups; the extra ones are all zero. */
    final int paddedDims;
    final int width;
    final int blocks;
    final float scale;
    final double maxRowNorm;
    final double maxRowError;
    /**
     * blocks × paddedDims × width; the last block is padded with zero rows, never offered as candidates. Null
     * when the kernel keeps its own copy.
     */
    final byte[] blocked;

    Int8Table(EmbeddingTable target, int width, int group) {
        this(target, width, group, LEVELS);
    }

    Int8Table(EmbeddingTable target, int width, int group, int levels) {
        if (levels < 1 || levels > LEVELS) {
            throw new IllegalArgumentException("levels must be 1.." + LEVELS + ", was " + levels);
        }
        this.levels = levels;
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
        this.scale = maxAbs > 0 ? maxAbs / levels : 1f;
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
                int level = Math.max(-levels, Math.min(levels, Math.round(v / scale)));
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

    private Int8Table(Int8Table bytes) {
        this.rows = bytes.rows;
        this.dims = bytes.dims;
        this.levels = bytes.levels;
        this.paddedDims = bytes.paddedDims;
        this.width = bytes.width;
        this.blocks = bytes.blocks;
        this.scale = bytes.scale;
        this.maxRowNorm = bytes.maxRowNorm;
        this.maxRowError = bytes.maxRowError;
        this.blocked = null;
    }

    /** The same table's figures without its bytes (a kernel took its own copy of them). */
    Int8Table withoutBytes() {
        return new Int8Table(this);
    }

    /** Bytes of the int8 copy, also when a kernel holds it. */
    long byteSize() {
        return (long) blocks * width * paddedDims;
    }
}
