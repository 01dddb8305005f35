package dev.assocrec.functions.model;

import dev.assocrec.contract.InvalidArtifactException;
import java.time.Duration;

/**
 * A version that failed to load, and when to try it again. Content that is wrong (checksum, shape,
 * a graph disagreeing with its tables) gives the same answer every time: it is not retried until
 * the pointer names another version. Anything else (an S3 timeout, a dropped connection, a full
 * /tmp) may pass: it is retried after check-interval × 2^failures, capped, so a transient fault
 * does not leave the old model serving forever, and a lasting one is not hammered.
 *
 * @param retryAtMillis wall-clock time of the next attempt; {@link Long#MAX_VALUE} for never
 */
record RefusedVersion(String version, int failures, boolean invalidContent, long retryAtMillis, String reason) {

    static RefusedVersion after(RefusedVersion previous, String version, Exception failure, long nowMillis,
                                Duration checkInterval, Duration maxRetryDelay) {
        int failures = previous != null && previous.version.equals(version) ? previous.failures + 1 : 1;
        boolean invalid = InvalidArtifactException.isCause(failure);
        long retryAt = invalid ? Long.MAX_VALUE : nowMillis + retryDelay(failures, checkInterval, maxRetryDelay).toMillis();
        return new RefusedVersion(version, failures, invalid, retryAt, failure.getMessage());
    }

    /** check-interval × 2^failures, at most {@code max} (and at least one millisecond). */
    static Duration retryDelay(int failures, Duration checkInterval, Duration max) {
        long base = Math.max(1, checkInterval.toMillis());
        int doublings = Math.min(failures, 30);
        long delay = base > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : base << doublings;
        return Duration.ofMillis(Math.min(delay, Math.max(1, max.toMillis())));
    }

    /** Whether the pointer naming {@code current} at {@code nowMillis} should (again) load it. */
    boolean blocks(String current, long nowMillis) {
        return version.equals(current) && nowMillis < retryAtMillis;
    }

    String describeRetry(long nowMillis) {
        return invalidContent ? "not retried until the pointer names another version"
                : "next attempt in " + Math.max(0, retryAtMillis - nowMillis) + " ms";
    }
}
