package dev.assocrec.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.functions.api.HistoryItem;
import dev.assocrec.functions.api.RecommendRequest;
import dev.assocrec.functions.api.RecommendResponse;
import dev.assocrec.functions.model.VersionOutcome;
import dev.assocrec.functions.testing.Api;
import dev.assocrec.functions.testing.LocalStoreResource;
import dev.assocrec.functions.testing.Oracle;
import dev.assocrec.functions.testing.TestModels;
import dev.assocrec.functions.testing.VersionOutcomes;
import dev.assocrec.store.CurrentPointer;
import dev.assocrec.store.LocalModelStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Moves the current pointer while clients keep asking: no request fails, every answer is exactly the
 * answer of the version it names, and a corrupt version is refused while the previous one serves on.
 * The test follows the manager's {@link VersionOutcome} events (served / refused) instead of sleeping:
 * after v3's refusal every answer until v4 is published must name v2.
 */
@QuarkusTest
@TestProfile(HotSwapTest.FastPointerChecks.class)
@WithTestResource(LocalStoreResource.class)
class HotSwapTest {
    private static final int CLIENTS = 3;
    private static final int K = 10;

    public static class FastPointerChecks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("assocrec.model.check-interval", "50ms");
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @ConfigProperty(name = "assocrec.model.location")
    String location;

    @Inject
    VersionOutcomes outcomes;

    record Observed(int status, String body) {}

    @Test
    void swapsUnderLoadWithoutFailuresAndRefusesACorruptVersion() throws Exception {
        Path root = Path.of(location);
        LocalModelStore store = new LocalModelStore(root);
        List<HistoryItem> history = FunctionAnswersTestBase.randomHistory(new Random(77), 15);
        String request = Api.json(new RecommendRequest(history, K, null, null, null, 0));
        List<Observed> observed = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch answering = new CountDownLatch(20);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                // Bounded: stops when told, or after 4000 requests per client at the latest.
                for (int i = 0; i < 4000 && !stop.get(); i++) {
                    Response r = Api.post("recommend", request);
                    observed.add(new Observed(r.statusCode(), r.asString()));
                    answering.countDown();
                }
            }));
        }
        int refusedAt;
        int v4PublishedAt;
        try {
            assertTrue(answering.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the clients get no answers");
            outcomes.clear(); // v1's start-up load
            TestModels.publish(store, "v2", 22);
            assertEquals(new VersionOutcome("v2", true, false, null), outcomes.next(PATIENCE));

            // v3 is damaged in storage after it was written (its target table no longer matches the
            // manifest) and the pointer names it: the store's own publish would have refused it.
            Path v3 = TestModels.write(TestModels.versionDir(root, "v3"), "v3", TestModels.ITEMS, TestModels.DIMS, 33).dir();
            corrupt(v3.resolve(ArtifactLayout.TARGET_TABLE));
            movePointer(root, "v3");
            VersionOutcome refused = outcomes.next(PATIENCE);
            assertEquals("v3", refused.version(), refused.toString());
            assertFalse(refused.served(), "the corrupt v3 must be refused: " + refused);
            assertTrue(refused.invalidContent(), refused.toString());
            refusedAt = observed.size();
            assertEquals("v2", Api.model().version(), "v2 keeps serving after v3 was refused");
            awaitAnswers(observed, refusedAt + 30); // answers after the refusal, all to be v2's (checked below)

            v4PublishedAt = observed.size();
            TestModels.publish(store, "v4", 44);
            assertEquals(new VersionOutcome("v4", true, false, null), outcomes.next(PATIENCE), "v4 is taken after v3's refusal");
            assertEquals(0, outcomes.pending(), "v3 is not tried again while the pointer names it, nor anything else");
        } finally {
            stop.set(true);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }
        for (Observed o : observed.subList(refusedAt, v4PublishedAt)) {
            assertTrue(o.body().contains("\"modelVersion\":\"v2\""), "between v3's refusal and v4 only v2 serves: " + o.body());
        }

        Map<String, Oracle> oracles = new HashMap<>();
        Map<String, Integer> perVersion = new HashMap<>();
        for (Observed o : observed) {
            assertEquals(200, o.status(), "a request failed during a swap: " + o.body());
            RecommendResponse r = Api.read(o.body(), RecommendResponse.class);
            perVersion.merge(r.modelVersion(), 1, Integer::sum);
            Oracle oracle = oracles.computeIfAbsent(r.modelVersion(),
                    v -> new Oracle(TestModels.Tables.read(TestModels.versionDir(root, v))));
            oracle.assertSame(oracle.topK(oracle.pool(history, PoolingConfig.defaultWeighted()), K, true, i -> true), r,
                    "answer naming " + r.modelVersion());
        }
        assertEquals(List.of("v1", "v2", "v4"), perVersion.keySet().stream().sorted().toList(),
                "answers per version: " + perVersion);
        System.out.println("hot swap: " + observed.size() + " answers per version " + perVersion);
    }

    /** Waits for the clients' answers to reach {@code count}; they answer continuously, so only a hang times out. */
    private static void awaitAnswers(List<Observed> observed, int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (observed.size() < count) {
            assertTrue(System.nanoTime() < deadline, "clients did not get " + count + " answers");
            Thread.sleep(5);
        }
    }

    private static void movePointer(Path root, String version) throws IOException {
        Path pointer = root.resolve(ArtifactLayout.CURRENT_POINTER);
        Path tmp = pointer.resolveSibling(".current.tmp");
        Files.write(tmp, new CurrentPointer(version, Instant.now()).toJson());
        Files.move(tmp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void corrupt(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x40);
        }
    }
}
