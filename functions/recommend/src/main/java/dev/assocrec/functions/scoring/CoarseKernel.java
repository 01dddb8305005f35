package dev.assocrec.functions.scoring;

import dev.assocrec.contract.EmbeddingTable;

/**
 * Integer scores of every item of an {@link Int8Table} against quantised pooled levels, offered to a
 * bounded selection. Kept behind an interface because the fast kernel needs {@code jdk.incubator.vector},
 * which a JVM only has when started with {@code --add-modules jdk.incubator.vector}, and because the bytes
 * may live in Java ({@link VectorCoarseKernel}) or in ONNX Runtime ({@link OrtCoarseKernel}).
 */
interface CoarseKernel extends AutoCloseable {
    /**
     * Blocks one call of a Vector API kernel scans ({@link VectorCoarseKernel}, {@link FastScan}): a 1M-item table in
     * ~250 calls, not one long loop. A long loop is first compiled for on-stack replacement, and that code kept the
     * vectors live at its entry boxed: the int8 kernel pinned at 1M × 64 took 60–70 ms per request instead of 3.9 ms
     * (3.9 ms with {@code -XX:-UseOnStackReplacement}). Short calls get the method compiled whole within a request.
     */
    int CHUNK_BLOCKS = 64;

    /** The int8 copy of {@code coarse} this kernel scans (a kernel that keeps the bytes itself returns only the figures). */
    default Int8Table quantize(EmbeddingTable coarse) {
        return new Int8Table(coarse, width(), group());
    }

    /** A kernel of the same kind for another table (this one, when it holds no table of its own). */
    default CoarseKernel fresh() {
        return this;
    }

    @Override
    default void close() {}

    /** Offers every item whose integer score may belong to the selection's best; never the padding rows. */
    void scan(Int8Table table, int[] pooledLevels, CoarseSelection selection);

    /** The block width this kernel reads with one vector load. */
    int width();

    /** The table's dimensions are padded to a multiple of this. */
    int group();

    /** The largest |pooled level| the kernel's integer arithmetic holds exactly (table levels up to ±127). */
    int pooledLevels();
}
