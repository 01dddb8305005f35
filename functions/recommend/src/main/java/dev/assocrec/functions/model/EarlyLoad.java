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
 * other threads) are independent, and Lambda gives the function two vCPUs: started at the end of
 * static init ({@code @Initialized(ApplicationScoped)}), the load overlaps the rest of the boot instead
 * of following it. {@link ModelManager} adopts the result at start-up if the configuration it sees
 * then still names the same store and settings (static-init configuration can differ from run-time
 * configuration, e.g. under test profiles), and otherwise discards it and loads again.
 */
@Singleton
public class EarlyLoad {
    private static final Logger LOG = Logger.getLogger(EarlyLoad.class);
    private static Started started; // guarded by EarlyLoad.class

    /** A load begun at static init: its inputs, the store it opened, and the outcome to come. */
    record Started(String location, String cacheDirectory, ScoringSettings settings, ModelStore store,
                   VersionFetcher fetcher, CompletableFuture<Outcome> outcome) {

        boolean matches(String location, String cacheDirectory, ScoringSettings settings) {
            return this.location.equals(location) && this.cacheDirectory.equals(cacheDirectory) && this.settings.equals(settings);
        }

        Outcome await() {
            return outcome.join();
        }

        void discard() {
            Outcome o = await();
            if (o.load() != null) {
                o.load().discard();
            }
            store.close();
        }
    }

    /** The pointer's version and its load, or why the pointer could not be read. */
    record Outcome(String version, VersionLoad load, String problem) {}

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
        ModelStore store;
        try {
            settings = new ScoringSettings(
                    ScoringSettings.Engine.valueOf(config.getValue("assocrec.scoring.engine", String.class).trim()
                            .toUpperCase(Locale.ROOT)),
                    config.getValue("assocrec.scoring.ort-threads", Integer.class),
                    config.getValue("assocrec.scoring.scan-threads", Integer.class),
                    config.getValue("assocrec.scoring.java-scan-max-fraction", Double.class));
            if (location.isEmpty() || cache.isEmpty()) {
                return;
            }
            store = ModelStores.open(location.get());
        } catch (RuntimeException e) {
            LOG.debugf("no early model load: %s", e.getMessage());
            return; // ModelManager opens the store at start-up and reports what is wrong
        }
        VersionFetcher fetcher = new VersionFetcher(store, Path.of(cache.get()));
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> outcome.complete(load(store, fetcher, settings)), "assocrec-early-load");
        t.setDaemon(true);
        synchronized (EarlyLoad.class) {
            started = new Started(location.get(), cache.get(), settings, store, fetcher, outcome);
        }
        t.start();
    }

    private static Outcome load(ModelStore store, VersionFetcher fetcher, ScoringSettings settings) {
        Optional<String> version;
        try {
            version = store.currentVersion();
        } catch (Exception e) {
            return new Outcome(null, null, "cannot read the current pointer of " + store.location() + ": " + e.getMessage());
        }
        if (version.isEmpty()) {
            return new Outcome(null, null, "nothing has been published to " + store.location() + " yet");
        }
        return new Outcome(version.get(), VersionLoad.run(fetcher, store.location(), version.get(), settings), null);
    }

    /** The load begun at static init, handed over once; null if none was begun. */
    static synchronized Started take() {
        Started s = started;
        started = null;
        return s;
    }
}
