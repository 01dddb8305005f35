package dev.assocrec.contract.export;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.EmbeddingTable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The int8 copy of the target table that the scoring graph's coarse pass multiplies with
 * ({@link ArtifactLayout#QUANTIZED_TARGET_TABLE}): one symmetric scale for the whole table,
 * {@code q = round(t / scale)} in [-63, 63], stored dims × items (transposed) because that is
 * the B operand of ONNX {@code MatMulInteger}, which has no transpose attribute.
 *
 * <p>Seven bits, not eight: ONNX Runtime's x86 kernels without VNNI multiply uint8 by int8 with
 * {@code vpmaddubsw}, which adds pairs of products in saturating int16. With |q| ≤ 63 a pair is at
 * most 2·255·63 = 32130 < 32767, so the integer scores are exact on every kernel; with 127 they
 * saturate (measured: a score of 26036 came back as 15038) and the certificate's bound would not hold.
 *
 * <p>Beside the bytes it keeps the two figures the graph's certificate needs, both measured in
 * double precision against the dequantised values {@code scale · q} with the float scale the graph
 * uses, and rounded up: the largest target row norm and the largest row quantisation error
 * {@code max_i ||t_i − scale·q_i||₂}.
 */
public final class QuantizedTargetTable {
    /** Largest level: see the class comment for why it is 63. */
    static final int LEVELS = 63;

    private final int items;
    private final int dims;
    private final float scale;
    private final float maxRowNorm;
    private final float maxRowError;
    private final byte[] transposed;

    private QuantizedTargetTable(int items, int dims, float scale, float maxRowNorm, float maxRowError,
                                 byte[] transposed) {
        this.items = items;
        this.dims = dims;
        this.scale = scale;
        this.maxRowNorm = maxRowNorm;
        this.maxRowError = maxRowError;
        this.transposed = transposed;
    }

    public static QuantizedTargetTable of(EmbeddingTable target) {
        int n = target.rows();
        int d = target.dims();
        float[] t = target.data();
        float maxAbs = 0;
        for (float v : t) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        // An all-zero table still needs a positive scale: every q is 0 and every bound is 0.
        float scale = maxAbs > 0 ? maxAbs / LEVELS : 1f;
        byte[] q = new byte[Math.multiplyExact(n, d)];
        double maxNorm = 0;
        double maxError = 0;
        for (int i = 0; i < n; i++) {
            double norm = 0;
            double error = 0;
            for (int j = 0; j < d; j++) {
                float v = t[i * d + j];
                int level = Math.max(-LEVELS, Math.min(LEVELS, Math.round(v / scale)));
                q[j * n + i] = (byte) level;
                double diff = v - (double) scale * level;
                norm += (double) v * v;
                error += diff * diff;
            }
            maxNorm = Math.max(maxNorm, Math.sqrt(norm));
            maxError = Math.max(maxError, Math.sqrt(error));
        }
        return new QuantizedTargetTable(n, d, scale, roundUp(maxNorm), roundUp(maxError), q);
    }

    /** The nearest float not below {@code v}, plus one ulp for the double's own rounding. */
    private static float roundUp(double v) {
        float f = (float) v;
        if (f < v) {
            f = Math.nextUp(f);
        }
        return Math.nextUp(f);
    }

    public void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(transposed);
        }
    }

    public int items() { return items; }

    public int dims() { return dims; }

    /** Dequantised value = scale · q. */
    public float scale() { return scale; }

    /** Upper bound of ||t_i||₂ over all target rows. */
    public float maxRowNorm() { return maxRowNorm; }

    /** Upper bound of ||t_i − scale·q_i||₂ over all target rows. */
    public float maxRowError() { return maxRowError; }

    /** The quantised value of item {@code item}, dimension {@code dim}. */
    public byte level(int item, int dim) { return transposed[dim * items + item]; }

    public long byteSize() { return transposed.length; }
}
