package dev.assocrec.functions.model;

import dev.assocrec.functions.ServingConfig;
import dev.assocrec.store.ModelStore;
import dev.assocrec.store.ModelStores;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Loads the current model at start-up and follows the store's current pointer. Requests trigger the
 * pointer check (at most once per check interval) rather than a timer, because a Lambda sandbox is
 * frozen between invocations; the check and any load run on a background thread so no request waits
 * for a new version. A version that fails to download, verify or load is refused and logged, and the
 * old model keeps serving; the refused version is not retried until the pointer names another one.
 */
@ApplicationScoped
public class ModelManager {
    private static final Logger LOG = Logger.getLogger(ModelManager.class);

    private final ServingConfig.Model config;
    private final ServingConfig.Scoring scoring;
    private final ModelHolder holder = new ModelHolder();
    private final AtomicBoolean checking = new AtomicBoolean();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "assocrec-model-refresh");
        t.setDaemon(true);
        return t;
    });
    private volatile ModelStore store;
    private volatile VersionFetcher fetcher;
    private volatile long nextCheckNanos;
    private volatile String refusedVersion;
    private volatile String lastProblem = "the model has not been loaded yet";

    public ModelManager(ServingConfig.Model config, ServingConfig.Scoring scoring) {
        this.config = config;
        this.scoring = scoring;
    }

    void onStart(@Observes StartupEvent event) {
        store = ModelStores.open(config.location());
        fetcher = new VersionFetcher(store, Path.of(config.cacheDirectory()));
        checkNow();
        scheduleNextCheck();
    }

    void onStop(@Observes ShutdownEvent event) {
        refresher.shutdownNow();
        holder.clear();
        if (store != null) {
            store.close();
        }
    }

    /**
     * The serving model for one request (close the lease when done).
     *
     * @throws ModelUnavailableException when no version has loaded successfully yet
     */
    public ModelHolder.Lease lease() {
        if (holder.currentVersion() == null) {
            // Nothing to serve: look now, on this request, but still no more often than configured.
            if (System.nanoTime() - nextCheckNanos >= 0 && checking.compareAndSet(false, true)) {
                try {
                    checkNow();
                    scheduleNextCheck();
                } finally {
                    checking.set(false);
                }
            }
            if (holder.currentVersion() == null) {
                throw new ModelUnavailableException("no model is being served: " + lastProblem);
            }
        } else if (System.nanoTime() - nextCheckNanos >= 0 && checking.compareAndSet(false, true)) {
            scheduleNextCheck();
            refresher.execute(() -> {
                try {
                    checkNow();
                } finally {
                    checking.set(false);
                }
            });
        }
        return holder.lease();
    }

    /** Looks at the current pointer and switches to the version it names if that one loads cleanly. */
    synchronized void checkNow() {
        String version;
        try {
            var current = store.currentVersion();
            if (current.isEmpty()) {
                lastProblem = "nothing has been published to " + store.location() + " yet";
                LOG.warn(lastProblem);
                return;
            }
            version = current.get();
        } catch (Exception e) {
            lastProblem = "cannot read the current pointer of " + store.location() + ": " + e.getMessage();
            LOG.warn(lastProblem);
            return;
        }
        if (version.equals(holder.currentVersion()) || version.equals(refusedVersion)) {
            return;
        }
        long start = System.nanoTime();
        try {
            LoadedModel next = LoadedModel.load(fetcher.fetch(version), store.location(), scoring.settings());
            String previous = holder.currentVersion();
            holder.swap(next);
            refusedVersion = null;
            pruneCache(previous == null ? Set.of(version) : Set.of(version, previous));
            LOG.infof("serving model version %s (%d items x %d dims) from %s, loaded in %d ms%s", version,
                    next.manifest().itemCount(), next.manifest().dimensions(), store.location(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    previous == null ? "" : "; replaced " + previous);
        } catch (Exception e) {
            refusedVersion = version;
            lastProblem = "version " + version + " was refused: " + e.getMessage();
            LOG.errorf(e, "refusing model version %s from %s: %s; %s", version, store.location(), e.getMessage(),
                    holder.currentVersion() == null ? "no model is serving" : "still serving " + holder.currentVersion());
        }
    }

    private void pruneCache(Set<String> keep) {
        try {
            fetcher.pruneCacheExcept(keep);
        } catch (Exception e) {
            LOG.warnf("cannot prune the model cache %s: %s", config.cacheDirectory(), e.getMessage());
        }
    }

    private void scheduleNextCheck() {
        nextCheckNanos = System.nanoTime() + config.checkInterval().toNanos();
    }
}
