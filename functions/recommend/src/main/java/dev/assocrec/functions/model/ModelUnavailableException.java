package dev.assocrec.functions.model;

/** No model version serves yet; answered with HTTP 503 and a Retry-After of {@link #retryAfterSeconds()}. */
public class ModelUnavailableException extends RuntimeException {
    private final long retryAfterSeconds;

    public ModelUnavailableException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** When asking again may find a model: soon while one is loading, else at the next pointer check. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
