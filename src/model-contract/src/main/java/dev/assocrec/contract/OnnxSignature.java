package dev.assocrec.contract;

/**
 * Names and types of the exported scoring graph. One query per call:
 * <pre>
 *   history      int64[n]   item indices of the user's history (duplicates allowed)
 *   weights      float[n]   each entry's weight before attention: its explicit weight for attention, else its
 *                           {@link HistoryPooling} weight; 0 leaves the entry out of the pooling (still masked)
 *   event_types  int64[n]   {@link #eventTypeId}: 0 unknown, 1 view, 2 cart, 3 purchase
 *   ages         float[n]   how far each entry is behind the newest, in the attention's recency unit (0 unknown)
 *   attend       bool[1]    true: apply the learned attention logits; false: pool by {@code weights} alone
 *   k            int64[1]   how many items to return
 *   →
 *   top_items   int64[k]  item indices, best first, history items excluded
 *   top_scores  float[k]  inner product of the pooled context vector with each item's target vector
 *   exact       bool[1]   true when the answer is certified to equal a full float32 scan; when false the
 *                         caller must scan
 *   alpha       float[n]  each entry's share of the pooled vector (sums to 1 unless every weight is 0)
 * </pre>
 * With eᵢ = attention_vector·context[historyᵢ] + attention_type_bias[event_typesᵢ] + attention_recency_slope·agesᵢ
 * when attend is true (else eᵢ = 0), wᵢ = weightsᵢ·exp(eᵢ − max over entries of positive weight),
 * alpha = w / Σ w, pooled = Σ alphaᵢ·context[historyᵢ] and score(j) = pooled · target[j]: the same weights as
 * {@link HistoryPooling#weights(java.util.List, PoolingConfig, EmbeddingTable)} computes. A mean or weighted
 * model's graph holds zero attention parameters, so it pools by {@code weights} whatever attend says.
 *
 * <p>Earlier graphs, which serving still accepts: versions exported before attention moved into the graph take
 * only history, weights and k, pool by {@code weights} as given (the caller passes HistoryPooling's weights, also
 * for attention) and have no alpha; versions exported before the int8 coarse pass also have no exact output and
 * scan every item (exact).
 */
public final class OnnxSignature {
    private OnnxSignature() {}

    public static final String INPUT_HISTORY = "history";
    public static final String INPUT_WEIGHTS = "weights";
    public static final String INPUT_EVENT_TYPES = "event_types";
    public static final String INPUT_AGES = "ages";
    public static final String INPUT_ATTEND = "attend";
    public static final String INPUT_K = "k";
    public static final String OUTPUT_ITEMS = "top_items";
    public static final String OUTPUT_SCORES = "top_scores";
    public static final String OUTPUT_EXACT = "exact";
    public static final String OUTPUT_ALPHA = "alpha";

    public static final String INITIALIZER_CONTEXT = "context_embeddings";
    public static final String INITIALIZER_TARGET = "target_embeddings";
    public static final String INITIALIZER_TARGET_INT8 = "target_embeddings_int8";
    public static final String INITIALIZER_ATTENTION_VECTOR = "attention_vector";
    public static final String INITIALIZER_ATTENTION_TYPE_BIAS = "attention_type_bias";
    public static final String INITIALIZER_ATTENTION_RECENCY_SLOPE = "attention_recency_slope";

    /** Kept low enough for Debian's python3-onnx checker and ONNX Runtime 1.21. */
    public static final int IR_VERSION = 8;
    public static final int OPSET = 17;

    /** Rows of attention_type_bias: one for an unknown type, then one per {@link EventType}. */
    public static final int EVENT_TYPE_IDS = EventType.values().length + 1;

    /** The graph's id of an event type: 0 when unknown, else its position in {@link EventType} plus one. */
    public static long eventTypeId(EventType type) {
        return type == null ? 0 : type.ordinal() + 1L;
    }
}
