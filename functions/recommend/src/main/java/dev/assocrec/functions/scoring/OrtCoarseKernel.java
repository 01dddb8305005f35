package dev.assocrec.functions.scoring;

import ai.djl.engine.Engine;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assocrec.contract.EmbeddingTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Map;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The coarse pass's integer scores by ONNX Runtime: a one-node model, {@code MatMulInteger} of the uint8 query
 * (level + 128, zero point 128) with the int8 table [dims, items] as a constant that ONNX Runtime pre-packs for its
 * GEMM kernel (MLAS: vpdpbusd on AVX-512 VNNI / AVX-VNNI, SDOT/UDOT on arm64), one intra-op thread by default. The
 * scores land in a reused direct buffer (pinned output: no copy, no allocation per request) and a Vector API
 * threshold pass offers the few above the selection's running threshold.
 *
 * <p>The table's levels are ±63, not ±127: without VNNI, MLAS's x86 kernels add pairs of u8 × s8 products in
 * saturating 16 bits (vpmaddubsw); 2·255·63 = 32130 fits, so the scores are exact on every kernel (the exported
 * graph's reason too). The Java copy of the bytes is dropped once the session holds them; the table keeps only the
 * certificate's figures.
 *
 * <p>Bound to the one table given to {@link #quantize}; {@link #close()} closes the session and the buffers.
 * Thread-safe: ONNX Runtime runs a session concurrently, and each call borrows its own buffers.
 */
final class OrtCoarseKernel implements CoarseKernel {
    static final int TABLE_LEVELS = 63;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

    private final int threads;
    private OrtSession session; // set once by quantize
    private int rows;
    private int dims;
    private final ArrayDeque<Buffers> idle = new ArrayDeque<>(); // guarded by this
    private boolean closed; // guarded by this

    OrtCoarseKernel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("ONNX Runtime threads must be >= 1, was " + threads);
        }
        this.threads = threads;
    }

    /** The query and score tensors of one call, over direct buffers that ONNX Runtime reads and writes in place. */
    private static final class Buffers implements AutoCloseable {
        final ByteBuffer query;
        final ByteBuffer scores;
        final OnnxTensor queryTensor;
        final OnnxTensor scoresTensor;
        final int[] lanes = new int[INTS.length()];

        Buffers(int dims, int rows) throws OrtException {
            OrtEnvironment env = environment();
            query = ByteBuffer.allocateDirect(dims).order(ByteOrder.nativeOrder());
            scores = ByteBuffer.allocateDirect(Math.multiplyExact(rows, Integer.BYTES)).order(ByteOrder.nativeOrder());
            queryTensor = OnnxTensor.createTensor(env, query, new long[] {1, dims}, OnnxJavaType.UINT8);
            OnnxTensor s;
            try {
                s = OnnxTensor.createTensor(env, scores.asIntBuffer(), new long[] {1, rows});
            } catch (OrtException | RuntimeException e) {
                queryTensor.close();
                throw e;
            }
            scoresTensor = s;
        }

        @Override
        public void close() {
            queryTensor.close();
            scoresTensor.close();
        }
    }

    @Override
    public Int8Table quantize(EmbeddingTable coarse) {
        if (session != null) {
            throw new IllegalStateException("this ONNX coarse kernel already holds a table");
        }
        // One block as wide as the table: dims × items row-major, MatMulInteger's B operand.
        Int8Table table = new Int8Table(coarse, coarse.rows(), 1, TABLE_LEVELS);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            // Without the arena ONNX Runtime frees the parsed initializer after pre-packing it: d bytes per item
            // instead of 2·d (measured +65 vs +130 MB at 1M × 64). Requests allocate nothing large (pinned output).
            options.setCPUArenaAllocator(false);
            session = environment().createSession(
                    CoarseModelBytes.matMulInteger(table.blocked, table.paddedDims, table.rows), options);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot open the coarse pass's session: " + e.getMessage(), e);
        }
        rows = table.rows;
        dims = table.paddedDims;
        return table.withoutBytes();
    }

    /**
     * The process's one ONNX Runtime environment, created by DJL's engine: DJL creates it with its own thread options
     * and fails to start (for the life of the JVM) when one exists already, so it must come first.
     */
    private static OrtEnvironment environment() {
        Engine.getEngine("OnnxRuntime");
        return OrtEnvironment.getEnvironment();
    }

    @Override
    public CoarseKernel fresh() {
        return new OrtCoarseKernel(threads);
    }

    @Override
    public void scan(Int8Table table, int[] pooledLevels, CoarseSelection selection) {
        Buffers b = borrow();
        try {
            for (int j = 0; j < dims; j++) {
                b.query.put(j, (byte) (pooledLevels[j] + 128));
            }
            // The result holds only the pinned output, which stays ours: closing it frees nothing we reuse.
            session.run(Map.of(CoarseModelBytes.QUERY, b.queryTensor), Map.of(CoarseModelBytes.SCORES, b.scoresTensor))
                    .close();
            offerAbove(b, selection);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed in the coarse pass: " + e.getMessage(), e);
        } finally {
            giveBack(b);
        }
    }

    private void offerAbove(Buffers b, CoarseSelection selection) {
        ByteBuffer scores = b.scores;
        int lanes = INTS.length();
        int bound = INTS.loopBound(rows);
        int i = 0;
        for (; i < bound; i += lanes) {
            IntVector v = IntVector.fromByteBuffer(INTS, scores, i * Integer.BYTES, ByteOrder.nativeOrder());
            VectorCoarseKernel.offerAbove(v, i, 1, selection, b.lanes);
        }
        for (; i < rows; i++) {
            selection.offer(i, scores.getInt(i * Integer.BYTES));
        }
    }

    private synchronized Buffers borrow() {
        if (closed || session == null) {
            throw new IllegalStateException(closed ? "the coarse pass's ONNX session is closed" : "no table yet");
        }
        Buffers b = idle.pollFirst();
        if (b != null) {
            return b;
        }
        try {
            return new Buffers(dims, rows);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot make the coarse pass's tensors: " + e.getMessage(), e);
        }
    }

    private synchronized void giveBack(Buffers b) {
        if (closed) {
            b.close();
        } else {
            idle.addFirst(b);
        }
    }

    /** One block spanning the whole table: the warm-up sizes its small table by this, not by a vector width. */
    @Override
    public int width() {
        return 64;
    }

    @Override
    public int group() {
        return 1;
    }

    /** The uint8 query holds levels ±127 around its zero point. */
    @Override
    public int pooledLevels() {
        return Int8Table.LEVELS;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Buffers b : idle) {
            b.close();
        }
        idle.clear();
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("closing the coarse pass's ONNX session: " + e.getMessage(), e);
            }
        }
    }
}
