package dev.assocrec.retrain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where training starts, what counts as new data, and how long to wait (env ASSOCREC_RETRAIN_*). */
@ConfigMapping(prefix = "assocrec.retrain")
public interface RetrainConfig {

    /** Batch job queue of the training jobs (only listed: the state machine submits). */
    String jobQueue();

    /** Name the state machine gives every training job; an active job of this name blocks a new one. */
    @WithDefault("assocrec-retrain")
    String jobName();

    /** Step Functions state machine that submits the training job with a fixed queue, definition and name. */
    String stateMachineArn();

    /** How long a submission may take to reach Batch before the invocation fails. */
    @WithDefault("30s")
    Duration submitTimeout();

    /** Data bucket: event files land under {@link #eventsPrefix()}, the serving pointer is {@link #currentKey()}. */
    String bucket();

    /** Only keys under this prefix are new behaviour data. */
    @WithDefault("events/")
    String eventsPrefix();

    /** The serving pointer whose age is reported (fixed by the artifact contract). */
    @WithDefault("models/current")
    String currentKey();

    /** Dimension value ("Stack") of the model-age metric, so that several stacks in one account stay apart. */
    @WithDefault("assocrec")
    String stackName();

    /** The one-time schedule that fires when uploads have stopped for {@link QuietSchedule#period()}. */
    QuietSchedule quietSchedule();

    /** Endpoint overrides (local stand-ins in tests); empty uses the region's endpoints. */
    Endpoints endpoints();

    interface QuietSchedule {
        /** Time without new event files before training starts. */
        @WithDefault("15m")
        Duration period();

        /** EventBridge Scheduler group that holds the schedule (deleted with the stack). */
        String group();

        @WithDefault("quiet-period")
        String name();

        /** What the schedule invokes: this function's alias. */
        String targetArn();

        /** Role EventBridge Scheduler assumes to invoke the target. */
        String roleArn();
    }

    interface Endpoints {
        Optional<URI> batch();

        Optional<URI> stepFunctions();

        Optional<URI> scheduler();

        Optional<URI> s3();
    }
}
