package dev.assocrec.functions.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.functions.scoring.ScoringSettings;
import dev.assocrec.functions.testing.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Swaps under concurrent leases: no request sees a closed session, every retired session gets closed. */
class ModelHolderTest {
    private static final int[] HISTORY = {3, 50, 77};
    private static final float[] WEIGHTS = {1f, 2f, 0.5f};

    @Test
    void leasesFinishOnTheirModelAndRetiredModelsClose(@TempDir Path dir) throws Exception {
        Map<String, ModelVersion> versions = Map.of(
                "a", TestModels.write(dir.resolve("a"), "a", 400, 8, 1),
                "b", TestModels.write(dir.resolve("b"), "b", 400, 8, 2));
        Map<String, Ranked> expected = new ConcurrentHashMap<>();
        for (var v : versions.values()) {
            LoadedModel m = LoadedModel.load(v, "test", ScoringSettings.onnx(1, 0.25));
            expected.put(v.version(), m.ranker().rank(HISTORY, WEIGHTS, 10, null, true));
            m.release();
        }

        ModelHolder holder = new ModelHolder();
        List<LoadedModel> loaded = new ArrayList<>();
        LoadedModel first = LoadedModel.load(versions.get("a"), "test", ScoringSettings.onnx(1, 0.25));
        loaded.add(first);
        holder.swap(first);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                for (int i = 0; i < 100_000 && !stop.get(); i++) {
                    try (ModelHolder.Lease lease = holder.lease()) {
                        LoadedModel m = lease.model();
                        assertFalse(m.isClosed(), "a leased model was closed under a request");
                        Ranked got = m.ranker().rank(HISTORY, WEIGHTS, 10, null, true);
                        assertArrayEquals(expected.get(m.version()).items(), got.items(), "answer of " + m.version());
                        answered.incrementAndGet();
                    }
                }
            }));
        }
        for (int swap = 0; swap < 20; swap++) {
            LoadedModel next = LoadedModel.load(versions.get(swap % 2 == 0 ? "b" : "a"), "test", ScoringSettings.onnx(1, 0.25));
            loaded.add(next);
            holder.swap(next);
            Thread.sleep(10);
        }
        stop.set(true);
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();

        LoadedModel serving = loaded.get(loaded.size() - 1);
        for (LoadedModel m : loaded) {
            assertEquals(m != serving, m.isClosed(), "retired models close once their last lease is back");
        }
        assertTrue(answered.get() > 100, "workers answered only " + answered.get());
        holder.clear();
        assertTrue(serving.isClosed());
    }
}
