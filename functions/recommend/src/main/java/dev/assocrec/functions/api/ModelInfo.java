package dev.assocrec.functions.api;

import java.time.Instant;
import java.util.Map;

/** Output of {@code model}: what is serving. */
public record ModelInfo(String version, int itemCount, int dimensions, Instant createdAt, Instant loadedAt,
                        String pooling, Map<String, Map<String, Double>> metrics, String source) {}
