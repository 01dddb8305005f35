package dev.assocrec.training.ingest;

/**
 * Where long reads report how far they are. Readers stay free of any console code; the CLI plugs in
 * a progress bar, tests and library callers use {@link #NONE}.
 */
public interface Progress {
    Progress NONE = (task, total) -> new Task() {
        @Override public void stepTo(long done) {}
        @Override public void close() {}
    };

    /** Starts a task of {@code total} units (-1 when unknown). */
    Task start(String task, long total);

    interface Task extends AutoCloseable {
        void stepTo(long done);

        @Override
        void close();
    }
}
