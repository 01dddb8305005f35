package dev.assocrec.functions.scoring;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One process-wide pool of daemon threads that score parts of a Java scan beside the caller, shared
 * by every model version (a hot swap must not start new threads). Sized by the first model that asks;
 * a later one asking for more parts still works, its extra parts wait in the queue.
 */
final class ScanThreads {
    private static ExecutorService pool;

    private ScanThreads() {}

    /** The pool, or null when no helper is wanted. */
    static synchronized ExecutorService forHelpers(int helpers) {
        if (helpers <= 0) {
            return null;
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(helpers, r -> {
                Thread t = new Thread(r, "assocrec-scan");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }
}
