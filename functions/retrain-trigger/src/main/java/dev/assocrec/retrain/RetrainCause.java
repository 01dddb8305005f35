package dev.assocrec.retrain;

import java.time.Instant;
import java.util.Optional;

/** What an event asks of the trigger, with a line for the logs and the training job saying why. */
public sealed interface RetrainCause {

    String description();

    /** A new event file: restart the quiet period; training waits until uploads stop. */
    record NewEventFile(String location) implements RetrainCause {
        public String description() {
            return "new events " + location;
        }
    }

    /** The quiet-period schedule fired: train if files arrived since the last job started. */
    record QuietPeriodOver(String lastFile) implements RetrainCause {
        public String description() {
            return "quiet period over after " + lastFile;
        }
    }

    /**
     * A training job of ours ended: train again if files arrived after it started. A job that never
     * started (cancelled while RUNNABLE) read nothing; {@code startedAt} is then empty.
     */
    record JobEnded(String jobId, String status, Optional<Instant> startedAt) implements RetrainCause {
        public String description() {
            return "job " + jobId + " ended " + status;
        }
    }

    /** The periodic retraining schedule: train unless a job is active. */
    record Schedule(String rules) implements RetrainCause {
        public String description() {
            return "schedule " + rules;
        }
    }

    /** The hourly check: report how old the serving model is. */
    record ModelAgeCheck() implements RetrainCause {
        public String description() {
            return "model age check";
        }
    }

    /** Anything else: nothing to do. */
    record Ignored(String description) implements RetrainCause {}
}
