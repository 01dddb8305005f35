package dev.assocrec.training.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Runs a loop over [0, n) on all cores in chunks, each worker with its own scratch state. */
public final class Parallel {
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    // Shared daemon pool: training calls this thousands of times; a pool per call would cost more than small loops.
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "assocrec-parallel");
        t.setDaemon(true);
        return t;
    });

    private Parallel() {}

    public interface Worker {
        /** Processes indices [from, to). */
        void run(int from, int to);
    }

    /**
     * Calls {@code workerFactory.get()} once per participating thread, then hands out chunks of
     * {@code chunk} indices until all of [0, n) is done. Exceptions in workers are rethrown.
     */
    public static void forChunks(int n, int chunk, Supplier<Worker> workerFactory) {
        int tasks = Math.min(THREADS, Math.max(1, (n + chunk - 1) / chunk));
        if (tasks == 1 || Thread.currentThread().getName().equals("assocrec-parallel")) {
            Worker w = workerFactory.get();
            for (int from = 0; from < n; from += chunk) {
                w.run(from, Math.min(n, from + chunk));
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable body = () -> {
            Worker w = workerFactory.get();
            int from;
            while ((from = next.getAndAdd(chunk)) < n) {
                w.run(from, Math.min(n, from + chunk));
            }
        };
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 1; t < tasks; t++) {
            futures.add(POOL.submit(body));
        }
        body.run();
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
