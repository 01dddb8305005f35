package dev.assocrec.functions.scoring;

import static dev.assocrec.functions.scoring.FastScan.BYTES;
import static dev.assocrec.functions.scoring.FastScan.INTS;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The int8 copy of a table for the second bound, one row per item: rows × stride (dims padded to a byte vector),
 * levels ±127 of one scale, and the largest row quantisation error.
 */
record Int8Rows(byte[] levels, int stride, float scale, double error) {
    static Int8Rows of(float[] data, int rows, int dims) {
        int width = BYTES.length();
        int stride = (dims + width - 1) / width * width;
        byte[] levels = new byte[Math.multiplyExact(rows, stride)];
        float maxAbs = 0;
        for (float v : data) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        float scale = maxAbs > 0 ? maxAbs / Int8Table.LEVELS : 1f;
        double error2 = 0;
        for (int i = 0; i < rows; i++) {
            double e = 0;
            for (int j = 0; j < dims; j++) {
                float v = data[i * dims + j];
                int level = Math.max(-Int8Table.LEVELS, Math.min(Int8Table.LEVELS, Math.round(v / scale)));
                levels[i * stride + j] = (byte) level;
                double diff = v - (double) scale * level;
                e += diff * diff;
            }
            error2 = Math.max(error2, e);
        }
        return new Int8Rows(levels, stride, scale, Math.nextUp(Math.sqrt(error2)));
    }

    /** Lane sums of an item's int8 row times int {@code levels}, the row's bytes widened straight to ints. */
    IntVector products(int[] q, int item) {
        int base = item * stride;
        int quarter = INTS.length();
        IntVector acc = IntVector.zero(INTS);
        for (int j = 0; j < stride; j += BYTES.length()) {
            ByteVector v = ByteVector.fromArray(BYTES, levels, base + j);
            acc = acc.add(((IntVector) v.convertShape(VectorOperators.B2I, INTS, 0)).mul(IntVector.fromArray(INTS, q, j)))
                    .add(((IntVector) v.convertShape(VectorOperators.B2I, INTS, 1)).mul(IntVector.fromArray(INTS, q, j + quarter)))
                    .add(((IntVector) v.convertShape(VectorOperators.B2I, INTS, 2)).mul(IntVector.fromArray(INTS, q, j + 2 * quarter)))
                    .add(((IntVector) v.convertShape(VectorOperators.B2I, INTS, 3)).mul(IntVector.fromArray(INTS, q, j + 3 * quarter)));
        }
        return acc;
    }

    /**
     * Reads one byte of every cache line of the given items' rows before their dot products: these loads do not
     * depend on one another, so the CPU keeps many of the random rows' misses in flight at once.
     */
    int touch(int[] items, int count) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            int base = items[i] * stride;
            for (int j = 0; j < stride; j += 64) {
                sum += levels[base + j];
            }
        }
        return sum;
    }

    /** The pooled vector's levels (±127 of {@code scale}) for {@link #products}, with its quantisation figures. */
    Levels levels(float[] pooled, int dims, double maxRowNorm) {
        float maxAbs = 0;
        for (float v : pooled) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        double pooledScale = maxAbs > 0 ? maxAbs / (double) Int8Table.LEVELS : 1;
        int[] q = new int[stride];
        double error2 = 0;
        double dequantized2 = 0;
        for (int j = 0; j < dims; j++) {
            q[j] = (int) Math.round(pooled[j] / pooledScale);
            double dq = pooledScale * q[j];
            error2 += (pooled[j] - dq) * (pooled[j] - dq);
            dequantized2 += dq * dq;
        }
        // |u·t − û·t̂| ≤ ‖u − û‖·T + ‖û‖·R
        return new Levels(q, pooledScale * scale,
                (Math.sqrt(error2) * maxRowNorm + Math.sqrt(dequantized2) * error) * (1 + 0x1p-10));
    }


    /** A pooled vector at int8 levels: a row's bound is products·unit + allowance. */
    record Levels(int[] q, double unit, double allowance) {}
}
