package dev.assocrec.functions.scoring;

import java.util.BitSet;

/**
 * The whole-catalogue top k that the Java pass serves for the graph's unfiltered requests: the int8 two-stage scan
 * ({@link QuantizedScan}) or the 4-bit fast scan ({@link FastScan}), whichever {@link CoarsePassChoice} kept at load.
 */
public interface CataloguePass extends AutoCloseable {
    /** Top k of the non-history items and whether it is certified to equal a full scan. */
    OrtScorer.Answer topK(float[] pooled, BitSet history, int k);

    /** Which form serves and, when it was chosen at load, what the choice measured (the load's log line). */
    String kernelChoice();

    /** Bytes this pass holds for requests. */
    long byteSize();

    /** Releases native resources (ONNX Runtime's session and buffers); the pass is unusable afterwards. */
    @Override
    void close();
}
