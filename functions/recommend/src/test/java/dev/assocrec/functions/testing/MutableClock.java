package dev.assocrec.functions.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock that moves only when the test moves it. */
public final class MutableClock extends Clock {
    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    /** Moves to {@code epochMillis}; never backwards. */
    public void advanceTo(long epochMillis) {
        if (epochMillis < now.toEpochMilli()) {
            throw new IllegalArgumentException("the clock would go back from " + now + " to " + Instant.ofEpochMilli(epochMillis));
        }
        now = Instant.ofEpochMilli(epochMillis);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock stays in UTC");
    }
}
