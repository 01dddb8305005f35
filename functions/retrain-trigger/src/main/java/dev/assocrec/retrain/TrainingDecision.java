package dev.assocrec.retrain;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the trigger did with one event; the function's response and its log line. */
@RegisterForReflection
public record TrainingDecision(Outcome outcome, String jobId, String detail) {

    public enum Outcome {
        /** A new training job was submitted (through the state machine). */
        SUBMITTED,
        /** A training job of the same name was already queued or running; nothing was submitted. */
        ALREADY_ACTIVE,
        /** A new event file moved the quiet-period schedule; training starts when uploads stop. */
        QUIET_PERIOD_RESTARTED,
        /** No event file arrived after the last training job started; nothing to train on. */
        NOTHING_NEW,
        /** The serving model's age was measured and written as a metric (or it has none yet). */
        MODEL_AGE_REPORTED,
        /** The event is none of the above. */
        IGNORED
    }

    static TrainingDecision of(Outcome outcome, String detail) {
        return new TrainingDecision(outcome, null, detail);
    }
}
