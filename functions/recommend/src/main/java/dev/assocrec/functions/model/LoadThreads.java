package dev.assocrec.functions.model;

import dev.assocrec.contract.TaskFailures;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Runs one step of a model load on its own thread while the caller does another: loading is I/O and
 * native work that two cores can overlap (tables, ONNX session). Failures come back as they were thrown.
 */
final class LoadThreads {
    private LoadThreads() {}

    interface Step<T> {
        T run() throws IOException;
    }

    static <T> Task<T> start(String what, Step<T> step) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                future.complete(step.run());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "assocrec-load-" + what);
        t.setDaemon(true);
        t.start();
        return new Task<>(future);
    }

    static final class Task<T> {
        private final CompletableFuture<T> future;

        private Task(CompletableFuture<T> future) {
            this.future = future;
        }

        T join() throws IOException {
            try {
                return future.join();
            } catch (CompletionException e) {
                throw TaskFailures.rethrow(e.getCause());
            }
        }

        /** Waits for the step and hands its result to {@code close}; its failure, if any, is dropped. */
        void discard(Consumer<T> close) {
            try {
                close.accept(future.join());
            } catch (CompletionException ignored) {
                // The caller is already failing for its own reason, which is the one to report.
            }
        }
    }
}
