package dev.assocrec.training.pipeline;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * One log line when a pipeline step starts and one when it ends (with its duration), so a log shows
 * where a run is and which step failed. Lines start with {@code assocrec:} and name the step.
 */
public final class StepLog {
    private final PrintWriter out;

    public StepLog(PrintWriter out) {
        this.out = out;
    }

    /** Work of one step that may fail with a checked exception. */
    @FunctionalInterface
    public interface Step<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs a step between its start and end lines; {@code summary} describes the result on the end line. */
    public <T, E extends Exception> T step(String name, String detail, Step<T, E> work,
                                           java.util.function.Function<T, String> summary) throws E {
        line("STEP %s%s", name, detail == null || detail.isEmpty() ? "" : ": " + detail);
        long start = System.nanoTime();
        try {
            T result = work.run();
            line("DONE %s in %.1f s%s", name, seconds(start), suffix(summary.apply(result)));
            return result;
        } catch (Exception | Error e) {
            // The error itself is printed once, by whoever handles it (the CLI: one "error:" line).
            line("FAILED %s after %.1f s", name, seconds(start));
            throw e;
        }
    }

    public void info(String format, Object... args) {
        line(format, args);
    }

    private void line(String format, Object... args) {
        out.printf(Locale.ROOT, "assocrec: " + format + "%n", args);
        out.flush();
    }

    private static String suffix(String s) {
        return s == null || s.isEmpty() ? "" : ": " + s;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
