package dev.assocrec.contract;

import java.io.IOException;

/** Failures of work done on another thread, handed back to the caller as they were thrown. */
public final class TaskFailures {
    private TaskFailures() {}

    /** Rethrows an I/O, runtime or error failure unchanged; anything else (checked) wrapped in an IOException. */
    public static IOException rethrow(Throwable cause) throws IOException {
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IOException(cause);
    }
}
