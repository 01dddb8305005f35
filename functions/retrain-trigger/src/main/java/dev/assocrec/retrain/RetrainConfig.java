package dev.assocrec.retrain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** Where training jobs go and which new objects count as new behaviour data (env ASSOCREC_RETRAIN_*). */
@ConfigMapping(prefix = "assocrec.retrain")
public interface RetrainConfig {

    /** Batch job queue of the training jobs. */
    String jobQueue();

    /** Batch job definition (name, or name:revision) of the training job. */
    String jobDefinition();

    /** Name given to every training job; an active job of this name blocks a new submission. */
    @WithDefault("assocrec-retrain")
    String jobName();

    /** Bucket whose new objects count; empty accepts any bucket the EventBridge rule lets through. */
    Optional<String> bucket();

    /** Only keys under this prefix are new behaviour data. */
    @WithDefault("events/")
    String eventsPrefix();

    /** Batch endpoint override (a local stand-in in tests); empty uses the region's endpoint. */
    Optional<URI> batchEndpoint();
}
