package dev.assocrec.contract;

/**
 * Names and types of the exported scoring graph. One query per call:
 * <pre>
 *   history  int64[n]   item indices of the user's history (duplicates allowed)
 *   weights  float[n]   pooling weight of each history entry (see {@link HistoryPooling})
 *   k        int64[1]   how many items to return
 *   →
 *   top_items   int64[k]  item indices, best first, history items excluded
 *   top_scores  float[k]  inner product of the pooled context vector with each item's target vector
 *   exact       bool[1]   (graphs with the int8 coarse pass only) true when the answer is certified
 *                         to equal a full float32 scan; when false the caller must scan
 * </pre>
 * pooled = Σ wᵢ·context[historyᵢ] / Σ wᵢ ; score(j) = pooled · target[j]. A graph without the
 * {@code exact} output (versions exported before the coarse pass) scans every item and is exact.
 */
public final class OnnxSignature {
    private OnnxSignature() {}

    public static final String INPUT_HISTORY = "history";
    public static final String INPUT_WEIGHTS = "weights";
    public static final String INPUT_K = "k";
    public static final String OUTPUT_ITEMS = "top_items";
    public static final String OUTPUT_SCORES = "top_scores";
    public static final String OUTPUT_EXACT = "exact";

    public static final String INITIALIZER_CONTEXT = "context_embeddings";
    public static final String INITIALIZER_TARGET = "target_embeddings";
    public static final String INITIALIZER_TARGET_INT8 = "target_embeddings_int8";

    /** Kept low enough for Debian's python3-onnx checker and ONNX Runtime 1.21. */
    public static final int IR_VERSION = 8;
    public static final int OPSET = 17;
}
