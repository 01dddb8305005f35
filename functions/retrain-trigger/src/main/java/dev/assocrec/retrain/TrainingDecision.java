package dev.assocrec.retrain;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the trigger did with one event; the function's response and its log line. */
@RegisterForReflection
public record TrainingDecision(Outcome outcome, String jobId, String detail) {

    public enum Outcome {
        /** A new training job was submitted. */
        SUBMITTED,
        /** A training job of the same name was already queued or running; nothing was submitted. */
        ALREADY_ACTIVE,
        /** The event is not new behaviour data nor the schedule. */
        IGNORED
    }
}
