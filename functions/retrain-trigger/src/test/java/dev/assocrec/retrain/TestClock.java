package dev.assocrec.retrain;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The application's clock in tests (it replaces the system clock bean): set to a fixed instant, or system time. */
@Singleton
public class TestClock extends Clock {
    private volatile Instant fixed;

    void set(Instant instant) {
        fixed = instant;
    }

    void useSystemTime() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now == null ? Instant.now() : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the application works in UTC");
    }
}
