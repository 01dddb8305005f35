package dev.assocrec.functions.testing;

import dev.assocrec.functions.model.VersionOutcome;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects the model manager's version outcomes, in order, for Quarkus tests to wait on. */
@Singleton
public class VersionOutcomes {
    private final BlockingQueue<VersionOutcome> outcomes = new LinkedBlockingQueue<>();

    void on(@Observes VersionOutcome outcome) {
        outcomes.add(outcome);
    }

    /** Forgets what happened so far (e.g. the start-up load). */
    public void clear() {
        outcomes.clear();
    }

    /** The next outcome; fails the test if none comes within {@code timeout} (a hung load, not a slow one). */
    public VersionOutcome next(Duration timeout) throws InterruptedException {
        VersionOutcome o = outcomes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (o == null) {
            throw new AssertionError("no version was served or refused within " + timeout);
        }
        return o;
    }

    /** Outcomes not taken yet. */
    public int pending() {
        return outcomes.size();
    }
}
