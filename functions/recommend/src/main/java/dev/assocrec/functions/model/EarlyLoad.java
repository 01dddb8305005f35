package dev.assocrec.functions.model;

import dev.assocrec.functions.scoring.ScoringSettings;
import dev.assocrec.store.ModelStore;
import dev.assocrec.store.ModelStores;
import io.quarkus.runtime.ImageMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Starts the first model load while Quarkus is still booting. On a cold start the framework's own
 * start-up (class loading on the main thread) and the model load (hashing, parsing, ONNX Runtime on
 * other threads) are independent, and Lambda gives the function two vCPUs, so the load runs beside
 * the boot instead of after it, in two stages:
 * <ol>
 * <li>{@link #prefetchFromEnvironment()}, from the Lambda handler's class initialiser before Quarkus
 *     exists ({@code RecommendHandler}): fetch and verify the current version of the store that
 *     {@code ASSOCREC_MODEL_LOCATION} names, the way a deployment configures it;</li>
 * <li>{@link #begin}, at the end of static init ({@code @Initialized(ApplicationScoped)}), when
 *     configuration can be read: adopt that fetch if the configuration names the same store, else
 *     start one, and build the tables and ONNX session after it with the configured scoring.</li>
 * </ol>
 * {@link ModelManager} adopts the result at start-up if the run-time configuration still names the
 * same store and settings (static-init configuration can differ, e.g. under test profiles), and
 * otherwise discards it and loads again. An early start is only ever a head start.
 */
@Singleton
public class EarlyLoad {
    // Obtained only inside Quarkus: touching the logging facade from the handler's class initialiser
    // would fix java.util.logging's manager before Quarkus installs its own.
    private static Logger log() {
        return Logger.getLogger(EarlyLoad.class);
    }

    private static Prefetch prefetch; // guarded by EarlyLoad.class
    private static Started started; // guarded by EarlyLoad.class

    /** A fetch begun before Quarkus started: the store it opened and the current version, fetched and verified. */
    record Prefetch(String location, String cacheDirectory, ModelStore store, VersionFetcher fetcher,
                    CompletableFuture<Pointed<VersionLoad.Fetched>> fetched) {}

    /** What the pointer named and what became of it, or why the pointer could not be read. */
    record Pointed<T>(String version, T result, String problem) {
        <R> Pointed<R> then(java.util.function.Function<T, R> next) {
            return version == null ? new Pointed<>(null, null, problem) : new Pointed<>(version, next.apply(result), null);
        }
    }

    /**
     * Stage 1, before Quarkus exists: only the environment can be read. Lambda's default temp directory
     * stands in for {@code assocrec.model.cache-directory} unless ASSOCREC_MODEL_CACHE_DIRECTORY is set;
     * stage 2 drops the fetch if configuration says otherwise.
     */
    public static void prefetchFromEnvironment() {
        String location = System.getenv("ASSOCREC_MODEL_LOCATION");
        if (location == null || location.isBlank()) {
            return;
        }
        String cache = System.getenv("ASSOCREC_MODEL_CACHE_DIRECTORY");
        if (cache == null || cache.isBlank()) {
            cache = System.getProperty("java.io.tmpdir") + "/assocrec-models";
        }
        ModelStore store;
        try {
            store = ModelStores.open(location);
        } catch (RuntimeException e) {
            return; // ModelManager opens the store at start-up and reports what is wrong
        }
        VersionFetcher fetcher = new VersionFetcher(store, Path.of(cache));
        CompletableFuture<Pointed<VersionLoad.Fetched>> fetched = new CompletableFuture<>();
        synchronized (EarlyLoad.class) {
            prefetch = new Prefetch(location, cache, store, fetcher, fetched);
        }
        daemon("assocrec-prefetch", () -> fetched.complete(
                pointer(store).then(version -> VersionLoad.fetch(fetcher, version))));
    }

    /** A load begun at static init: its inputs, the store it opened, and the outcome to come. */
    record Started(String location, String cacheDirectory, ScoringSettings settings, ModelStore store,
                   VersionFetcher fetcher, CompletableFuture<Pointed<VersionLoad>> outcome) {

        boolean matches(String location, String cacheDirectory, ScoringSettings settings) {
            return this.location.equals(location) && this.cacheDirectory.equals(cacheDirectory) && this.settings.equals(settings);
        }

        Pointed<VersionLoad> await() {
            return outcome.join();
        }

        void discard() {
            Pointed<VersionLoad> o = await();
            if (o.result() != null) {
                o.result().discard();
            }
            store.close();
        }
    }

    static void begin(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (ImageMode.current() != ImageMode.JVM) {
            return; // a native image runs static init at build time: no model is read there
        }
        // Config mappings are not available yet (static init): read the few raw values, and let
        // ModelManager check them against the mappings at start-up.
        Config config = ConfigProvider.getConfig();
        Optional<String> location = config.getOptionalValue("assocrec.model.location", String.class);
        Optional<String> cache = config.getOptionalValue("assocrec.model.cache-directory", String.class);
        ScoringSettings settings;
        try {
            settings = new ScoringSettings(
                    ScoringSettings.Engine.valueOf(config.getValue("assocrec.scoring.engine", String.class).trim()
                            .toUpperCase(Locale.ROOT)),
                    config.getValue("assocrec.scoring.ort-threads", Integer.class),
                    config.getValue("assocrec.scoring.scan-threads", Integer.class),
                    config.getValue("assocrec.scoring.java-scan-max-fraction", Double.class));
        } catch (RuntimeException e) {
            log().debugf("no early model load: %s", e.getMessage());
            discard(takePrefetch());
            return;
        }
        Prefetch p = takePrefetch();
        if (location.isEmpty() || cache.isEmpty()) {
            discard(p);
            return;
        }
        CompletableFuture<Pointed<VersionLoad>> outcome = new CompletableFuture<>();
        ModelStore store;
        VersionFetcher fetcher;
        if (p != null && p.location().equals(location.get()) && p.cacheDirectory().equals(cache.get())) {
            store = p.store();
            fetcher = p.fetcher();
            String source = store.location();
            p.fetched().thenAcceptAsync(f -> outcome.complete(
                    f.then(fetched -> VersionLoad.build(fetched, source, settings))), EarlyLoad::daemonExecute);
        } else {
            discard(p);
            try {
                store = ModelStores.open(location.get());
            } catch (RuntimeException e) {
                log().debugf("no early model load: %s", e.getMessage());
                return; // ModelManager opens the store at start-up and reports what is wrong
            }
            fetcher = new VersionFetcher(store, Path.of(cache.get()));
            ModelStore s = store;
            VersionFetcher f = fetcher;
            daemon("assocrec-early-load", () -> outcome.complete(
                    pointer(s).then(version -> VersionLoad.run(f, s.location(), version, settings))));
        }
        synchronized (EarlyLoad.class) {
            started = new Started(location.get(), cache.get(), settings, store, fetcher, outcome);
        }
    }

    /** A prefetch that configuration overruled: its store is closed, so a fetch still running fails and is dropped. */
    private static void discard(Prefetch p) {
        if (p != null) {
            p.store().close();
        }
    }

    /** The version {@code models/current} names, or why there is none (the start-up load and every later check). */
    static Pointed<String> pointer(ModelStore store) {
        try {
            Optional<String> version = store.currentVersion();
            return version.isPresent() ? new Pointed<>(version.get(), version.get(), null)
                    : new Pointed<>(null, null, "nothing has been published to " + store.location() + " yet");
        } catch (Exception e) {
            return new Pointed<>(null, null, "cannot read the current pointer of " + store.location() + ": " + e.getMessage());
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    private static void daemonExecute(Runnable work) {
        daemon("assocrec-early-load", work);
    }

    private static synchronized Prefetch takePrefetch() {
        Prefetch p = prefetch;
        prefetch = null;
        return p;
    }

    /** The load begun at static init, handed over once; null if none was begun. */
    static synchronized Started take() {
        Started s = started;
        started = null;
        return s;
    }
}
