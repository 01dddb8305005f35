package dev.assocrec.functions.model;

import dev.assocrec.functions.ServingConfig;
import dev.assocrec.functions.scoring.ScoringSettings;
import dev.assocrec.store.ModelStore;
import dev.assocrec.store.ModelStores;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The first model load, begun before Quarkus exists ({@code BeforeBoot}) so that it runs beside the boot on
 * Lambda's second vCPU: read the pointer, fetch and verify the current version, read its tables at once; open the ONNX session (and make the int8 copy) once the framework's logging is
 * installed ({@link #frameworkReady()}: DJL logs through SLF4J when it opens the session, and touching
 * logging earlier would fix java.util.logging's manager before Quarkus installs its own). Nothing here logs.
 *
 * <p>Configuration cannot be read before the boot, so the load takes its inputs from where a deployment sets
 * them, by the configuration's own names: system properties ({@code -Dassocrec.scoring.engine=java}), then
 * environment variables ({@code ASSOCREC_SCORING_ENGINE}), else {@link ServingConfig}'s defaults. It is a
 * guess: {@link ModelManager} takes the result only if its {@link ServingConfig} mappings name the same
 * store, cache directory and scoring, and otherwise discards it and loads again (a value set only in
 * {@code application.properties} costs that second load).
 */
public final class EarlyLoad {
    final String location;
    final String cacheDirectory;
    final ScoringSettings settings;
    final ModelStore store;
    final VersionFetcher fetcher;
    private final CompletableFuture<Void> frameworkReady = new CompletableFuture<>();
    private final CompletableFuture<Pointed<VersionLoad>> outcome;

    private EarlyLoad(String location, String cacheDirectory, ScoringSettings settings, ModelStore store) {
        this.location = location;
        this.cacheDirectory = cacheDirectory;
        this.settings = settings;
        this.store = store;
        this.fetcher = new VersionFetcher(store, Path.of(cacheDirectory));
        this.outcome = new CompletableFuture<>();
        String source = store.location();
        Pointed.daemon("assocrec-early-load", () -> {
            long start = System.nanoTime();
            LoadSteps steps = new LoadSteps();
            Pointed<String> current = Pointed.current(store); // the first JSON read: Jackson's classes load here
            steps.record("current pointer", start);
            outcome.complete(current.then(version -> VersionLoad.fetch(fetcher, version, steps, start))
                    .then(fetched -> VersionLoad.build(fetched, source, settings, frameworkReady)));
        });
    }

    /** Starts the load the system properties and environment describe; null when they name no store or are invalid. */
    public static EarlyLoad begin() {
        return begin(key -> {
            String v = System.getProperty(key);
            return v != null ? v : System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        });
    }

    /** As {@link #begin()}, reading each configuration key through {@code raw} (null when it is not set). */
    static EarlyLoad begin(UnaryOperator<String> raw) {
        String location = raw.apply("assocrec.model.location");
        if (location == null || location.isBlank()) {
            return null; // the packaged default (a demo store next to the process) is not worth a head start
        }
        String cache = Objects.requireNonNullElse(raw.apply("assocrec.model.cache-directory"),
                System.getProperty("java.io.tmpdir") + "/" + ServingConfig.CACHE_SUBDIRECTORY);
        ScoringSettings settings;
        ModelStore store;
        try {
            settings = new ScoringSettings(
                    ScoringSettings.Engine.valueOf(value(raw, "assocrec.scoring.engine", ScoringSettings.DEFAULT_ENGINE)
                            .toUpperCase(Locale.ROOT)),
                    Integer.parseInt(value(raw, "assocrec.scoring.ort-threads", ScoringSettings.DEFAULT_THREADS)),
                    Integer.parseInt(value(raw, "assocrec.scoring.scan-threads", ScoringSettings.DEFAULT_THREADS)),
                    Double.parseDouble(value(raw, "assocrec.scoring.java-scan-max-fraction",
                            ScoringSettings.DEFAULT_JAVA_SCAN_MAX_FRACTION)),
                    ScoringSettings.KernelChoice.valueOf(value(raw, "assocrec.scoring.coarse-kernel",
                            ScoringSettings.DEFAULT_COARSE_KERNEL).toUpperCase(Locale.ROOT)));
            store = ModelStores.open(location);
        } catch (RuntimeException e) {
            return null; // ModelManager reads the configuration at start-up and reports what is wrong
        }
        return new EarlyLoad(location, cache, settings, store);
    }

    private static String value(UnaryOperator<String> raw, String key, String defaultValue) {
        String v = raw.apply(key);
        return v == null ? defaultValue : v.trim();
    }

    /** Quarkus's logging is installed: the build may start once the fetch is done. */
    public void frameworkReady() {
        frameworkReady.complete(null);
    }

    boolean matches(String location, String cacheDirectory, ScoringSettings settings) {
        return this.location.equals(location) && this.cacheDirectory.equals(cacheDirectory) && this.settings.equals(settings);
    }

    Pointed<VersionLoad> await() {
        frameworkReady(); // by now the framework is up, whether or not the static-init signal came
        return outcome.join();
    }

    /** The configuration overruled it: whatever was built is released and the store closed. */
    void discard() {
        Pointed<VersionLoad> o = await();
        if (o.result() != null) {
            o.result().discard();
        }
        store.close();
    }

    @Override
    public String toString() {
        return "store " + location + ", cache " + cacheDirectory + ", " + settings;
    }
}
