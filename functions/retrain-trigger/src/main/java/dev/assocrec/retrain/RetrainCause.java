package dev.assocrec.retrain;

/** Whether an event asks for a retraining, and a line for the logs and the job saying why (or why not). */
public record RetrainCause(boolean retrain, String description) {

    static RetrainCause retrain(String description) {
        return new RetrainCause(true, description);
    }

    static RetrainCause ignore(String description) {
        return new RetrainCause(false, description);
    }
}
