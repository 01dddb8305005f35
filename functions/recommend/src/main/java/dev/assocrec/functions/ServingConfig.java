package dev.assocrec.functions;

import dev.assocrec.functions.scoring.ScoringSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Everything an operator can set, under {@code assocrec.model|limits|scoring.*} (application.properties
 * or env vars); the defaults are here only. Three mappings rather than one on {@code assocrec}, which other
 * modules' system properties (assocrec.s3.endpoint, assocrec.repo.root) share. Run-time configuration, read
 * through these beans; the one reader before the boot is the early model load ({@code EarlyLoad}, see
 * {@code BeforeBoot}), whose result {@code ModelManager} serves only if these mappings agree with it.
 */
public interface ServingConfig {
    /** Under the JVM's temp directory (Lambda's /tmp): the default {@code assocrec.model.cache-directory}. */
    String CACHE_SUBDIRECTORY = "assocrec-models";

    @ConfigMapping(prefix = "assocrec.model")
    interface Model {
        /** A local model-store directory or {@code s3://bucket/prefix}; the store holds models/current. */
        @WithDefault("model-store")
        String location();

        /** How often (at most) a request triggers a look at the current pointer; 0 looks on every request. */
        @WithDefault("30s")
        Duration checkInterval();

        /** Where versions fetched from S3 are unpacked (ONNX Runtime needs files); Lambda allows only /tmp. */
        @WithDefault("${java.io.tmpdir}/" + CACHE_SUBDIRECTORY)
        String cacheDirectory();

        /**
         * Longest wait before a version that failed for a reason that may pass (an S3 timeout) is tried
         * again; the waits double from twice the check interval up to this.
         */
        @WithDefault("10m")
        Duration maxRetryDelay();
    }

    @ConfigMapping(prefix = "assocrec.limits")
    interface Limits {
        @WithDefault("10")
        int defaultK();

        @WithDefault("100")
        int maxK();

        @WithDefault("200")
        int maxHistory();

        /** Items in a {@code related} basket. */
        @WithDefault("50")
        int maxBasket();

        @WithDefault("20")
        int maxExplain();
    }

    @ConfigMapping(prefix = "assocrec.scoring")
    interface Scoring {
        /**
         * What ranks the whole catalogue: {@code onnx} (the exported graph; lowest single-request latency
         * at 100k and 1M items in RecommendBenchmark) or {@code java} (a blocked scan: no ONNX session,
         * so less memory, and more requests/s on two threads at 10k–100k items; see README).
         */
        @WithDefault(ScoringSettings.DEFAULT_ENGINE)
        ScoringSettings.Engine engine();

        /** ONNX Runtime intra-op threads per request (engine onnx); 2 measured slower than 1 on two cores. */
        @WithDefault(ScoringSettings.DEFAULT_THREADS)
        int ortThreads();

        /** Threads one Java scan is split over (engine java); 1 leaves the other core to other requests. */
        @WithDefault(ScoringSettings.DEFAULT_THREADS)
        int scanThreads();

        /**
         * Filtered requests whose filter keeps at most this share of the catalogue are scored by a Java
         * scan over the kept items; broader filters over-fetch from ONNX Runtime (see README).
         */
        @WithDefault(ScoringSettings.DEFAULT_JAVA_SCAN_MAX_FRACTION)
        double javaScanMaxFraction();

        /**
         * The Java coarse pass's kernel (engine onnx, C2 and the Vector API module): {@code auto} builds and times
         * both at load and serves the faster (+0.5–1 s per load; from 256 dims the fast scan too), {@code java},
         * {@code onnx} or {@code fastscan} builds only that one.
         */
        @WithDefault(ScoringSettings.DEFAULT_COARSE_KERNEL)
        ScoringSettings.KernelChoice coarseKernel();

        default ScoringSettings settings() {
            return new ScoringSettings(engine(), ortThreads(), scanThreads(), javaScanMaxFraction(), coarseKernel());
        }
    }
}
