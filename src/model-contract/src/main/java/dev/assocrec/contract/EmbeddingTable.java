package dev.assocrec.contract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A rows × dims float32 matrix, row-major, stored little-endian with no header so that the same
 * bytes are the ONNX external data of the scoring graph and the Java copy serving reads.
 */
public final class EmbeddingTable {
    private final int rows;
    private final int dims;
    private final float[] data;

    public EmbeddingTable(int rows, int dims, float[] data) {
        if (rows < 0 || dims <= 0) {
            throw new IllegalArgumentException("table shape must be rows >= 0, dims > 0, was " + rows + " x " + dims);
        }
        Objects.requireNonNull(data, "data");
        if ((long) rows * dims != data.length) {
            throw new IllegalArgumentException("table data has " + data.length + " floats, expected " + rows + " x " + dims);
        }
        this.rows = rows;
        this.dims = dims;
        this.data = data;
    }

    public int rows() { return rows; }

    public int dims() { return dims; }

    /** The backing array (not a copy): row r occupies [r·dims, (r+1)·dims). */
    public float[] data() { return data; }

    public float get(int row, int col) { return data[row * dims + col]; }

    public long byteSize() { return (long) data.length * Float.BYTES; }

    public void write(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            int i = 0;
            while (i < data.length) {
                buf.clear();
                FloatBuffer fb = buf.asFloatBuffer();
                int n = Math.min(fb.remaining(), data.length - i);
                fb.put(data, i, n);
                buf.limit(n * Float.BYTES);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                i += n;
            }
        }
    }

    /** Reads a table whose dims are known (from the manifest); the row count follows from the size. */
    public static EmbeddingTable read(Path file, int dims) throws IOException {
        long bytes = Files.size(file);
        long rowBytes = (long) dims * Float.BYTES;
        if (dims <= 0 || bytes % rowBytes != 0) {
            throw new IOException(file + ": size " + bytes + " bytes is not a whole number of " + dims + "-float rows");
        }
        if (bytes / Float.BYTES > Integer.MAX_VALUE - 8) {
            throw new IOException(file + ": table of " + bytes + " bytes is too large for one array");
        }
        float[] data = new float[(int) (bytes / Float.BYTES)];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        }
        return new EmbeddingTable((int) (bytes / rowBytes), dims, data);
    }
}
