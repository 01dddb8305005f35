package dev.assocrec.functions.testing;

import dev.assocrec.functions.ServingConfig;
import dev.assocrec.functions.scoring.ScoringSettings;
import java.nio.file.Path;
import java.time.Duration;

/** Configuration for a ModelManager built outside Quarkus (the model-manager tests). */
public final class ServingConfigs {
    private ServingConfigs() {}

    public static ServingConfig.Model model(String location, Duration checkInterval, Path cache, Duration maxRetryDelay) {
        return new ServingConfig.Model() {
            @Override public String location() { return location; }
            @Override public Duration checkInterval() { return checkInterval; }
            @Override public String cacheDirectory() { return cache.toString(); }
            @Override public Duration maxRetryDelay() { return maxRetryDelay; }
        };
    }

    /** The Java scan on one thread: no ONNX session to open. */
    public static ServingConfig.Scoring javaScoring() {
        return new ServingConfig.Scoring() {
            @Override public ScoringSettings.Engine engine() { return ScoringSettings.Engine.JAVA; }
            @Override public int ortThreads() { return 1; }
            @Override public int scanThreads() { return 1; }
            @Override public double javaScanMaxFraction() { return 0.25; }
            @Override public ScoringSettings.KernelChoice coarseKernel() { return ScoringSettings.KernelChoice.AUTO; }
        };
    }
}
