package dev.assocrec.functions.model;

import dev.assocrec.functions.scoring.ScoringSettings;
import java.util.concurrent.TimeUnit;

/**
 * One attempt to make a stored version servable: fetch (download from S3) and verify it, then build
 * its tables, filter index and ONNX session. Either {@code model} or {@code failure} is set.
 */
record VersionLoad(String version, LoadedModel model, Exception failure, long millis, LoadSteps steps) {

    static VersionLoad run(VersionFetcher fetcher, String source, String version, ScoringSettings settings) {
        long start = System.nanoTime();
        LoadSteps steps = new LoadSteps();
        try {
            var fetched = steps.time("fetch and verify", () -> fetcher.fetch(version));
            LoadedModel model = LoadedModel.load(fetched, source, settings, steps);
            return new VersionLoad(version, model, null, elapsedMillis(start), steps);
        } catch (Exception e) {
            return new VersionLoad(version, null, e, elapsedMillis(start), steps);
        }
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
