package dev.assocrec.functions.model;

import dev.assocrec.store.ModelStore;
import dev.assocrec.store.ModelStores;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A fetch begun before Quarkus exists ({@code BeforeBoot}): the store it opened and the current version,
 * fetched and verified. Only the environment can be read then: {@code ASSOCREC_MODEL_LOCATION}, and
 * {@code ASSOCREC_MODEL_CACHE_DIRECTORY} or else Lambda's temp directory for
 * {@code assocrec.model.cache-directory}. {@link EarlyLoad} adopts it if the configuration agrees, else
 * closes it. Nothing here logs: touching the logging facade this early would fix java.util.logging's
 * manager before Quarkus installs its own.
 */
public final class Prefetch {
    final String location;
    final String cacheDirectory;
    final ModelStore store;
    final VersionFetcher fetcher;
    final CompletableFuture<Pointed<VersionLoad.Fetched>> fetched = new CompletableFuture<>();

    private Prefetch(String location, String cacheDirectory, ModelStore store) {
        this.location = location;
        this.cacheDirectory = cacheDirectory;
        this.store = store;
        this.fetcher = new VersionFetcher(store, Path.of(cacheDirectory));
    }

    /** Starts fetching the version the environment's store names; null when it names none or cannot be opened. */
    public static Prefetch fromEnvironment() {
        String location = System.getenv("ASSOCREC_MODEL_LOCATION");
        if (location == null || location.isBlank()) {
            return null;
        }
        String cache = System.getenv("ASSOCREC_MODEL_CACHE_DIRECTORY");
        if (cache == null || cache.isBlank()) {
            cache = System.getProperty("java.io.tmpdir") + "/assocrec-models";
        }
        ModelStore store;
        try {
            store = ModelStores.open(location);
        } catch (RuntimeException e) {
            return null; // ModelManager opens the store at start-up and reports what is wrong
        }
        Prefetch p = new Prefetch(location, cache, store);
        Pointed.daemon("assocrec-prefetch", () -> p.fetched.complete(
                Pointed.current(store).then(version -> VersionLoad.fetch(p.fetcher, version))));
        return p;
    }

    boolean names(String location, String cacheDirectory) {
        return this.location.equals(location) && this.cacheDirectory.equals(cacheDirectory);
    }

    /** Configuration overruled it: the store is closed, so a fetch still running fails and is dropped. */
    void discard() {
        store.close();
    }
}
