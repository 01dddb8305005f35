package dev.assocrec.contract;

import java.io.IOException;

/**
 * A model version's content is wrong (checksum or size mismatch, malformed manifest or item table,
 * tables of the wrong shape): reading it again gives the same answer, unlike a failed read, which a
 * reader may retry.
 */
public class InvalidArtifactException extends IOException {
    public InvalidArtifactException(String message) {
        super(message);
    }

    public InvalidArtifactException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code failure} or one of its causes says the content is wrong. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidArtifactException) {
                return true;
            }
        }
        return false;
    }
}
