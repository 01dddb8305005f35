package dev.assocrec.functions.model;

import dev.assocrec.functions.BeforeBoot;
import dev.assocrec.functions.scoring.ScoringSettings;
import dev.assocrec.store.ModelStore;
import dev.assocrec.store.ModelStores;
import io.quarkus.runtime.ImageMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Starts the first model load while Quarkus is still booting. On a cold start the framework's own
 * start-up (class loading on the main thread) and the model load (hashing, parsing, ONNX Runtime on
 * other threads) are independent, and Lambda gives the function two vCPUs, so the load runs beside
 * the boot instead of after it. At the end of static init ({@code @Initialized(ApplicationScoped)}) this
 * bean reads the configuration's raw values (the {@code ServingConfig} mappings are run-time only), adopts the fetch begun before
 * the boot ({@link BeforeBoot}) if it names the same store, else starts one, and builds the tables and
 * ONNX session after it with the configured scoring.
 *
 * <p>{@link ModelManager} takes the result at start-up if the run-time configuration still names the
 * same store and settings (static-init configuration can differ, e.g. under test profiles), and
 * otherwise discards it and loads again. An early start is only ever a head start.
 */
@Singleton
public class EarlyLoad {
    private static final Logger LOG = Logger.getLogger(EarlyLoad.class);

    private Started started; // guarded by this

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

    void begin(@Observes @Initialized(ApplicationScoped.class) Object event) {
        Prefetch p = BeforeBoot.takePrefetch();
        if (ImageMode.current() != ImageMode.JVM) {
            return; // a native image runs static init at build time: no model is read there
        }
        String location;
        String cache;
        ScoringSettings settings;
        try {
            // The mappings are run-time configuration: at static init only the raw values can be read (marking the
            // mappings @StaticInitSafe broke the run-time config of Quarkus tests that restart the application).
            // ModelManager compares them with its mappings at start-up.
            Config c = ConfigProvider.getConfig();
            location = c.getValue("assocrec.model.location", String.class);
            cache = c.getValue("assocrec.model.cache-directory", String.class);
            settings = new ScoringSettings(
                    ScoringSettings.Engine.valueOf(c.getValue("assocrec.scoring.engine", String.class).trim()
                            .toUpperCase(Locale.ROOT)),
                    c.getValue("assocrec.scoring.ort-threads", Integer.class),
                    c.getValue("assocrec.scoring.scan-threads", Integer.class),
                    c.getValue("assocrec.scoring.java-scan-max-fraction", Double.class));
        } catch (RuntimeException e) {
            LOG.debugf("no early model load: %s", e.getMessage());
            if (p != null) {
                p.discard();
            }
            return; // ModelManager reads the run-time configuration and reports what is wrong
        }
        CompletableFuture<Pointed<VersionLoad>> outcome = new CompletableFuture<>();
        ModelStore store;
        VersionFetcher fetcher;
        if (p != null && p.names(location, cache)) {
            store = p.store;
            fetcher = p.fetcher;
            String source = store.location();
            p.fetched.thenAcceptAsync(f -> outcome.complete(
                    f.then(fetched -> VersionLoad.build(fetched, source, settings))), work -> Pointed.daemon("assocrec-early-load", work));
        } else {
            if (p != null) {
                p.discard();
            }
            try {
                store = ModelStores.open(location);
            } catch (RuntimeException e) {
                LOG.debugf("no early model load: %s", e.getMessage());
                return; // ModelManager opens the store at start-up and reports what is wrong
            }
            fetcher = new VersionFetcher(store, Path.of(cache));
            ModelStore s = store;
            VersionFetcher f = fetcher;
            Pointed.daemon("assocrec-early-load", () -> outcome.complete(
                    Pointed.current(s).then(version -> VersionLoad.run(f, s.location(), version, settings))));
        }
        synchronized (this) {
            started = new Started(location, cache, settings, store, fetcher, outcome);
        }
    }

    /** The load begun at static init, handed over once; null if none was begun. */
    synchronized Started take() {
        Started s = started;
        started = null;
        return s;
    }
}
