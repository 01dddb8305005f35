package dev.assocrec.functions.model;

import dev.assocrec.store.ModelStore;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the store's current pointer named and what became of it, or why the pointer could not be read.
 * Free of logging: {@link EarlyLoad} uses it before Quarkus has installed its log manager.
 */
record Pointed<T>(String version, T result, String problem) {

    <R> Pointed<R> then(Function<T, R> next) {
        return version == null ? new Pointed<>(null, null, problem) : new Pointed<>(version, next.apply(result), null);
    }

    /** The version {@code models/current} names, or why there is none (the start-up load and every later check). */
    static Pointed<String> current(ModelStore store) {
        try {
            Optional<String> version = store.currentVersion();
            return version.isPresent() ? new Pointed<>(version.get(), version.get(), null)
                    : new Pointed<>(null, null, "nothing has been published to " + store.location() + " yet");
        } catch (Exception e) {
            return new Pointed<>(null, null, "cannot read the current pointer of " + store.location() + ": " + e.getMessage());
        }
    }

    /** Runs a load step on a daemon thread of its own (start-up work that must not keep the JVM alive). */
    static void daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }
}
