package dev.assocrec.functions.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Durations of the steps of one model load, for the "serving model version" log line: where a cold
 * start goes (README "Cold start"). Steps run on several threads; each records its own span.
 */
final class LoadSteps {
    private final List<String> spans = new ArrayList<>();

    /** Runs a step and records how long it took. */
    <T> T time(String step, LoadThreads.Step<T> work) throws java.io.IOException {
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            record(step, start);
        }
    }

    synchronized void record(String step, long startNanos) {
        spans.add(step + " " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos) + " ms");
    }

    @Override
    public synchronized String toString() {
        return String.join(", ", spans);
    }
}
