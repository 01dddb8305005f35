package dev.assocrec.contract;

/**
 * One history in the two forms the scorers read: {@link #weights} for the Java scans (and for graphs exported
 * before attention moved into the graph), and the raw entries the scoring graph computes its own attention weights
 * from ({@link OnnxSignature}). Built by {@link HistoryPooling#inputs}; the arrays are not copied.
 *
 * @param items       item index per entry
 * @param weights     {@link HistoryPooling#weights(java.util.List, PoolingConfig, EmbeddingTable)} per entry
 * @param baseWeights the graph's {@code weights} input: the explicit weight for attention, else {@code weights}
 * @param eventTypes  the graph's {@code event_types} input ({@link OnnxSignature#eventTypeId})
 * @param ages        the graph's {@code ages} input: attention's age per entry in its recency unit, else 0
 * @param attend      the graph's {@code attend} input: true for attention pooling
 */
public record PoolingInputs(int[] items, float[] weights, float[] baseWeights, long[] eventTypes, float[] ages,
                            boolean attend) {
    public PoolingInputs {
        int n = items.length;
        if (weights.length != n || baseWeights.length != n || eventTypes.length != n || ages.length != n) {
            throw new IllegalArgumentException("pooling inputs of " + n + " entries have " + weights.length + " weights, "
                    + baseWeights.length + " base weights, " + eventTypes.length + " event types and " + ages.length
                    + " ages");
        }
    }

    /** Entries pooled by weights already known (no attention): what callers that hold only weights pass. */
    public static PoolingInputs fixed(int[] items, float[] weights) {
        return new PoolingInputs(items, weights, weights, new long[items.length], new float[items.length], false);
    }
}
