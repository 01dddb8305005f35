package dev.assocrec.functions.model;

import dev.assocrec.contract.ModelVersion;
import dev.assocrec.functions.scoring.ScoringSettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One attempt to make a stored version servable: fetch (download from S3) and verify it, then build
 * its tables and ONNX session (the filter index waits for the first filtered request). Either {@code model} or {@code failure} is set.
 */
record VersionLoad(String version, LoadedModel model, Exception failure, long millis, LoadSteps steps) {

    /** The first half of a load: the version fetched and verified, or why not. */
    record Fetched(String version, ModelVersion verified, Exception failure, long startNanos, LoadSteps steps) {}

    static VersionLoad run(VersionFetcher fetcher, String source, String version, ScoringSettings settings) {
        return build(fetch(fetcher, version, new LoadSteps(), System.nanoTime()), source, settings,
                CompletableFuture.completedFuture(null));
    }

    /** Fetches and verifies {@code version}; {@code start} is when the load began (its duration counts from it). */
    static Fetched fetch(VersionFetcher fetcher, String version, LoadSteps steps, long start) {
        try {
            return new Fetched(version, steps.time("fetch and verify", () -> fetcher.fetch(version)), null, start, steps);
        } catch (Exception e) {
            return new Fetched(version, null, e, start, steps);
        }
    }

    static VersionLoad build(Fetched fetched, String source, ScoringSettings settings, CompletableFuture<Void> loggingReady) {
        Exception failure = fetched.failure();
        if (failure == null) {
            try {
                LoadedModel model = LoadedModel.load(fetched.verified(), source, settings, fetched.steps(), loggingReady);
                return new VersionLoad(fetched.version(), model, null, elapsedMillis(fetched.startNanos()), fetched.steps());
            } catch (Exception e) {
                failure = e;
            } catch (LinkageError e) {
                // A native library or class that cannot be initialised (e.g. ONNX Runtime's) refuses the version
                // instead of killing the loading thread, which would leave start-up waiting for it for ever.
                failure = new IllegalStateException("cannot load the serving form: " + e, e);
            }
        }
        return new VersionLoad(fetched.version(), null, failure, elapsedMillis(fetched.startNanos()), fetched.steps());
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Drops a model that will not be served. */
    void discard() {
        if (model != null) {
            model.release();
        }
    }
}
