package dev.assocrec.training.cli;

import dev.assocrec.training.ingest.Progress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on standard error, shown only on an interactive console (logs stay clean). */
final class ConsoleProgress {
    private ConsoleProgress() {}

    /** Progress bars only for a person watching: never in logs, pipes or tests. */
    static boolean interactive() {
        return System.console() != null;
    }

    static Progress forConsole() {
        if (!interactive()) {
            return Progress.NONE;
        }
        return (task, total) -> {
            ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build();
            return new Progress.Task() {
                @Override
                public void stepTo(long done) {
                    bar.stepTo(done);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        };
    }
}
