package dev.assocrec.functions.model;

import dev.assocrec.functions.BeforeBoot;
import dev.assocrec.functions.ServingConfig;
import dev.assocrec.store.ModelStore;
import dev.assocrec.store.ModelStores;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Loads the current model at start-up and follows the store's current pointer. Requests trigger the
 * pointer check (at most once per check interval) rather than a timer, because a Lambda sandbox is
 * frozen between invocations; the check and any load run on a background thread so no request waits
 * for a new version. A version that fails to download, verify or load is refused and logged, and the
 * old model keeps serving; it is tried again with backoff unless its content is wrong
 * ({@link RefusedVersion}).
 *
 * <p>The schedule uses the wall clock ({@link Clock}, the system's in service, a test's own in tests), not
 * {@link System#nanoTime()}: a SnapStart snapshot restored hours after it was taken must look at the pointer
 * on its first request, and the monotonic clock of a restored sandbox is not comparable with the one the
 * snapshot recorded.
 */
@ApplicationScoped
public class ModelManager {
    private static final Logger LOG = Logger.getLogger(ModelManager.class);
    /** Retry-After while a version loads: a 100k-item model loads in 1–3 s (README "Cold start"). */
    static final long LOADING_RETRY_AFTER_SECONDS = 2;

    private final ServingConfig.Model config;
    private final ServingConfig.Scoring scoring;
    private final Supplier<EarlyLoad> earlyLoad;
    private final Clock clock;
    private final Consumer<VersionOutcome> outcomes;
    private final ModelHolder holder = new ModelHolder();
    private final AtomicBoolean checking = new AtomicBoolean();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "assocrec-model-refresh");
        t.setDaemon(true);
        return t;
    });
    private volatile ModelStore store;
    private volatile VersionFetcher fetcher;
    private volatile long lastCheckMillis;
    private volatile long nextCheckMillis;
    private volatile RefusedVersion refused;
    private volatile String lastProblem = "the model has not been loaded yet";
    private volatile boolean started; // the start-up load is over (served or refused)

    @Inject
    ModelManager(ServingConfig.Model config, ServingConfig.Scoring scoring, Event<VersionOutcome> outcomes) {
        this(config, scoring, BeforeBoot::takeEarlyLoad, Clock.systemUTC(), outcomes::fire);
    }

    /** Outside CDI (tests): no early load, and the wall clock of the caller's choosing. */
    ModelManager(ServingConfig.Model config, ServingConfig.Scoring scoring, Clock clock) {
        this(config, scoring, () -> null, clock, outcome -> { });
    }

    /** Outside CDI (tests), offered {@code early} at start-up as the CDI one is offered {@code BeforeBoot}'s. */
    ModelManager(ServingConfig.Model config, ServingConfig.Scoring scoring, EarlyLoad early, Clock clock) {
        this(config, scoring, () -> early, clock, outcome -> { });
    }

    private ModelManager(ServingConfig.Model config, ServingConfig.Scoring scoring, Supplier<EarlyLoad> earlyLoad, Clock clock,
                         Consumer<VersionOutcome> outcomes) {
        this.config = config;
        this.scoring = scoring;
        this.earlyLoad = earlyLoad;
        this.clock = clock;
        this.outcomes = outcomes;
    }

    /**
     * On Lambda (and in tests) start-up ends with the first model loaded (or refused): a SnapStart
     * snapshot then holds it. Dev mode loads it beside the rest of the start-up instead: there Quarkus's
     * Lambda poll loop hands requests on before the application's virtual HTTP channel is bound, and the
     * channel came up only after the start-up observers had returned, so a start-up waiting for the model
     * turned every request of the load into Quarkus's 500 "No virtual channel available". Requests
     * arriving during the load now get 503 "model loading" from {@link #lease()}.
     */
    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            refresher.execute(() -> {
                try {
                    loadFirstVersion();
                } catch (RuntimeException e) { // a start-up observer would have failed the boot with it
                    lastProblem = "the model store " + config.location() + " cannot be opened: " + e.getMessage();
                    LOG.error(lastProblem);
                    scheduleNextCheck();
                    started = true;
                }
            });
        } else {
            loadFirstVersion();
        }
    }

    void loadFirstVersion() {
        EarlyLoad early = earlyLoad.get();
        if (early != null && early.matches(config.location(), config.cacheDirectory(), scoring.settings())) {
            long waiting = System.nanoTime();
            Pointed<VersionLoad> loaded = early.await();
            start(early.store, early.fetcher, loaded, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waiting));
        } else {
            if (early != null) {
                LOG.infof("the load begun before the boot (%s) is not what the configuration says (store %s, cache %s, %s):"
                        + " loading again", early, config.location(), config.cacheDirectory(), scoring.settings());
                early.discard();
            }
            ModelStore s = ModelStores.open(config.location());
            start(s, new VersionFetcher(s, Path.of(config.cacheDirectory())), null);
        }
    }

    /** Serves from {@code store}, taking the outcome of a load begun before start-up if there is one. */
    synchronized void start(ModelStore store, VersionFetcher fetcher, Pointed<VersionLoad> early) {
        start(store, fetcher, early, 0);
    }

    /** As above; start-up waited {@code waitedMillis} for the early load to end (the log line says so). */
    private synchronized void start(ModelStore store, VersionFetcher fetcher, Pointed<VersionLoad> early, long waitedMillis) {
        this.store = store;
        this.fetcher = fetcher;
        if (early == null) {
            checkNow();
        } else if (early.version() == null) {
            lastProblem = early.problem();
            LOG.warn(lastProblem);
        } else {
            apply(early.result(), " beside the framework's boot, which then waited " + waitedMillis + " ms for it");
        }
        scheduleNextCheck();
        started = true;
    }

    void onStop(@Observes ShutdownEvent event) {
        refresher.shutdownNow();
        holder.clear();
        if (store != null) {
            store.close();
        }
    }

    /**
     * The serving model for one request (close the lease when done). Never waits for a load: a request
     * that finds no model serving is answered at once (503), and a due pointer check runs in the background.
     *
     * @throws ModelUnavailableException when no version has loaded successfully yet
     */
    public ModelHolder.Lease lease() {
        if (holder.currentVersion() == null) {
            throw unavailable();
        }
        checkInBackgroundIfDue();
        return holder.lease();
    }

    /** Why nothing serves: a load under way (the first one, or a check this request started), or the last problem. */
    private ModelUnavailableException unavailable() {
        if (!started || checkInBackgroundIfDue() || checking.get()) {
            return new ModelUnavailableException("model loading: no version serves yet, one is being loaded from "
                    + config.location(), LOADING_RETRY_AFTER_SECONDS);
        }
        long untilNextCheck = (nextCheckMillis - clock.millis() + 999) / 1000;
        return new ModelUnavailableException("no model is being served: " + lastProblem, Math.max(1, untilNextCheck));
    }

    /** Starts a pointer check on the background thread if one is due and none is running; true if it started one. */
    private boolean checkInBackgroundIfDue() {
        if (!checkDue() || !checking.compareAndSet(false, true)) {
            return false;
        }
        scheduleNextCheck();
        refresher.execute(() -> {
            try {
                checkNow();
            } finally {
                checking.set(false);
            }
        });
        return true;
    }

    /** Looks at the current pointer and switches to the version it names if that one loads cleanly. */
    synchronized void checkNow() {
        if (store == null) {
            return; // the store could not be opened at start-up (logged then)
        }
        Pointed<String> current = Pointed.current(store);
        if (current.version() == null) {
            lastProblem = current.problem();
            LOG.warn(lastProblem);
            return;
        }
        String version = current.version();
        RefusedVersion r = refused;
        if (version.equals(holder.currentVersion()) || r != null && r.blocks(version, clock.millis())) {
            return;
        }
        apply(VersionLoad.run(fetcher, store.location(), version, scoring.settings()), "");
    }

    /** Serves a loaded version, or records why it was refused and when to try it again. */
    private void apply(VersionLoad load, String when) {
        String version = load.version();
        if (load.model() != null) {
            String previous = holder.currentVersion();
            holder.swap(load.model());
            refused = null;
            pruneCache(previous == null ? Set.of(version) : Set.of(version, previous));
            // The whole-catalogue pass names the coarse kernel and what choosing it measured: what to pin, if anything.
            LOG.infof("serving model version %s (%d items x %d dims) from %s, loaded in %d ms%s (%s); whole-catalogue pass: %s%s",
                    version, load.model().manifest().itemCount(), load.model().manifest().dimensions(), store.location(),
                    load.millis(), when, load.steps(), load.model().ranker().coarsePass(),
                    previous == null ? "" : "; replaced " + previous);
            outcomes.accept(new VersionOutcome(version, true, false, null));
            return;
        }
        Exception e = load.failure();
        long now = clock.millis();
        RefusedVersion r = RefusedVersion.after(refused, version, e, now, config.checkInterval(), config.maxRetryDelay());
        refused = r;
        lastProblem = "version " + version + " was refused: " + e.getMessage();
        LOG.errorf(e, "refusing model version %s from %s (failure %d, %s): %s; %s", version, store.location(),
                r.failures(), r.describeRetry(now), e.getMessage(),
                holder.currentVersion() == null ? "no model is serving" : "still serving " + holder.currentVersion());
        outcomes.accept(new VersionOutcome(version, false, r.invalidContent(), e.getMessage()));
    }

    /** The version last refused and when it may be tried again, or null. */
    RefusedVersion refused() {
        return refused;
    }

    /** The serving version, or null before the first successful load. */
    String currentVersion() {
        return holder.currentVersion();
    }

    private void pruneCache(Set<String> keep) {
        try {
            fetcher.pruneCacheExcept(keep);
        } catch (Exception e) {
            LOG.warnf("cannot prune the model cache %s: %s", config.cacheDirectory(), e.getMessage());
        }
    }

    private boolean checkDue() {
        long now = clock.millis();
        return now >= nextCheckMillis || now < lastCheckMillis; // the clock went back: do not wait for it
    }

    private void scheduleNextCheck() {
        long now = clock.millis();
        lastCheckMillis = now;
        nextCheckMillis = now + config.checkInterval().toMillis();
    }
}
