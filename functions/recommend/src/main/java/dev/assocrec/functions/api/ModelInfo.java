package dev.assocrec.functions.api;

import java.time.Instant;
import java.util.Map;

/** Output of {@code model}: what is serving, and how its answers have been scored since it was loaded. */
public record ModelInfo(String version, int itemCount, int dimensions, Instant createdAt, Instant loadedAt,
                        String pooling, Map<String, Map<String, Double>> metrics, String source, Scoring scoring) {

    /**
     * The scoring engine ({@code onnx} or {@code java}) and, for the ONNX graph, how many of its answers
     * came certified exact and how many were not and were answered by a Java scan instead (an operator's
     * signal that the graph's candidate margin is too small for this model).
     */
    public record Scoring(String engine, long certifiedAnswers, long fallbackScans) {}
}
