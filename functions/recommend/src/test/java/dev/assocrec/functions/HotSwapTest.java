package dev.assocrec.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.functions.api.HistoryItem;
import dev.assocrec.functions.api.RecommendRequest;
import dev.assocrec.functions.api.RecommendResponse;
import dev.assocrec.functions.testing.Api;
import dev.assocrec.functions.testing.LocalStoreResource;
import dev.assocrec.functions.testing.Oracle;
import dev.assocrec.functions.testing.TestModels;
import dev.assocrec.store.CurrentPointer;
import dev.assocrec.store.LocalModelStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Moves the current pointer while clients keep asking: no request fails, every answer is exactly the
 * answer of the version it names, and a corrupt version is refused while the previous one serves on.
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

    @ConfigProperty(name = "assocrec.model.location")
    String location;

    record Observed(int status, String body) {}

    @Test
    void swapsUnderLoadWithoutFailuresAndRefusesACorruptVersion() throws Exception {
        Path root = Path.of(location);
        LocalModelStore store = new LocalModelStore(root);
        List<HistoryItem> history = FunctionAnswersTestBase.randomHistory(new Random(77), 15);
        String request = Api.json(new RecommendRequest(history, K, null, null, null, 0));
        List<Observed> observed = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                // Bounded: stops when told, or after 4000 requests per client at the latest.
                for (int i = 0; i < 4000 && !stop.get(); i++) {
                    Response r = Api.post("recommend", request);
                    observed.add(new Observed(r.statusCode(), r.asString()));
                }
            }));
        }
        try {
            awaitResponses(observed, 20);
            TestModels.publish(store, "v2", 22);
            assertTrue(waitFor(() -> "v2".equals(lastVersion(observed)), 30), "v2 was never served");

            // v3 is damaged in storage after it was written (its target table no longer matches the
            // manifest) and the pointer names it: the store's own publish would have refused it.
            Path v3 = TestModels.write(TestModels.versionDir(root, "v3"), "v3", TestModels.ITEMS, TestModels.DIMS, 33).dir();
            corrupt(v3.resolve(ArtifactLayout.TARGET_TABLE));
            int before = observed.size();
            movePointer(root, "v3");
            awaitResponses(observed, before + 60);
            Thread.sleep(500);
            assertEquals("v2", Api.model().version(), "the corrupt v3 must be refused and v2 keep serving");

            TestModels.publish(store, "v4", 44);
            assertTrue(waitFor(() -> "v4".equals(lastVersion(observed)), 30), "v4 was never served after v3 was refused");
        } finally {
            stop.set(true);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
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

    private static String lastVersion(List<Observed> observed) {
        synchronized (observed) {
            if (observed.isEmpty()) {
                return null;
            }
            Observed last = observed.get(observed.size() - 1);
            return last.status() == 200 ? Api.read(last.body(), RecommendResponse.class).modelVersion() : null;
        }
    }

    private static void awaitResponses(List<Observed> observed, int count) throws InterruptedException {
        assertTrue(waitFor(() -> observed.size() >= count, 30), "clients did not get " + count + " answers");
    }

    private static boolean waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
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
