package dev.assocrec.functions.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.functions.ServingConfig;
import dev.assocrec.functions.testing.MutableClock;
import dev.assocrec.functions.testing.ServingConfigs;
import dev.assocrec.functions.testing.TestModels;
import dev.assocrec.store.LocalModelStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the first version loads, a request is answered at once with "model loading" and a short
 * Retry-After (never made to wait, never a 500); once the load is over the same manager serves it.
 * The load is held open by a latch in the store's pointer read, so nothing here depends on timing.
 */
class ModelLoadingWindowTest {
    @TempDir
    Path root;
    @TempDir
    Path cache;

    /** A store whose pointer read waits until the test lets it go. */
    static final class GatedStore extends LocalModelStore {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        GatedStore(Path root) {
            super(root);
        }

        @Override
        public Optional<String> currentVersion() throws IOException {
            reading.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.currentVersion();
        }
    }

    @Test
    void requestsDuringTheFirstLoadAre503ModelLoadingWithRetryAfterThenServed() throws Exception {
        try (LocalModelStore publisher = new LocalModelStore(root)) {
            TestModels.publish(publisher, "v1", 1);
        }
        ModelManager manager = new ModelManager(modelConfig(Duration.ofMinutes(5)), ServingConfigs.javaScoring(), Clock.systemUTC());
        GatedStore store = new GatedStore(root);
        ModelUnavailableException beforeStart = assertThrows(ModelUnavailableException.class, manager::lease);
        assertLoading(beforeStart);

        Thread startUp = new Thread(() -> manager.start(store, new VersionFetcher(store, cache), null), "start-up");
        startUp.start();
        assertTrue(store.reading.await(30, TimeUnit.SECONDS), "the start-up load reads the pointer");
        ModelUnavailableException during = assertThrows(ModelUnavailableException.class, manager::lease);
        assertLoading(during);

        store.release.countDown();
        startUp.join(TimeUnit.SECONDS.toMillis(60));
        try (ModelHolder.Lease lease = manager.lease()) {
            assertEquals("v1", lease.model().version());
        }
        store.close();
    }

    @Test
    void anEmptyStoreIs503NamingTheProblemUntilTheNextCheck() {
        Duration interval = Duration.ofMinutes(5);
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        ModelManager manager = new ModelManager(modelConfig(interval), ServingConfigs.javaScoring(), clock);
        LocalModelStore empty = new LocalModelStore(root);
        manager.start(empty, new VersionFetcher(empty, cache), null);
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, manager::lease);
        assertEquals("no model is being served: nothing has been published to " + empty.location() + " yet", e.getMessage());
        assertEquals(interval.toSeconds(), e.retryAfterSeconds(), "retry at the next pointer check");
        clock.advance(Duration.ofSeconds(100));
        assertEquals(interval.toSeconds() - 100,
                assertThrows(ModelUnavailableException.class, manager::lease).retryAfterSeconds(), "the wait counts down");
        empty.close();
    }

    private void assertLoading(ModelUnavailableException e) {
        assertEquals("model loading: no version serves yet, one is being loaded from " + root, e.getMessage());
        assertEquals(ModelManager.LOADING_RETRY_AFTER_SECONDS, e.retryAfterSeconds());
    }

    private ServingConfig.Model modelConfig(Duration interval) {
        return ServingConfigs.model(root.toString(), interval, cache, Duration.ofMinutes(10));
    }
}
