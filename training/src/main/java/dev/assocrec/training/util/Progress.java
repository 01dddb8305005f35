package dev.assocrec.training.util;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Where long steps report how far they are: progress bars with ETA on standard error for a person watching,
 * or nothing (logs, pipes, tests). Code that reports stays free of console code.
 */
public interface Progress {
    Progress NONE = (task, total) -> Task.NONE;

    /** Bars when {@code visible}, else {@link #NONE}. */
    static Progress bars(boolean visible) {
        return visible ? Bar::new : NONE;
    }

    /** Bars only on an interactive console: never in logs, pipes or tests. */
    static Progress console() {
        return bars(interactive());
    }

    static boolean interactive() {
        return System.console() != null;
    }

    /** Starts a task of {@code total} units (-1 when unknown). */
    Task start(String task, long total);

    /** One task's progress; steps may be reported from several threads. */
    interface Task extends AutoCloseable {
        Task NONE = new Task() {
            @Override public void stepTo(long done) {}
            @Override public void step(long n) {}
            @Override public void message(String extra) {}
            @Override public void close() {}
        };

        void stepTo(long done);

        void step(long n);

        /** A short note shown after the bar (e.g. the running loss). */
        void message(String extra);

        @Override
        void close();
    }

    final class Bar implements Task {
        private final ProgressBar bar;

        private Bar(String task, long total) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build();
        }

        @Override public void stepTo(long done) { bar.stepTo(done); }
        @Override public void step(long n) { bar.stepBy(n); }
        @Override public void message(String extra) { bar.setExtraMessage(extra); }
        @Override public void close() { bar.close(); }
    }
}
