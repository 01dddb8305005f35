package dev.assocrec.functions.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.functions.testing.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph through the translator and the per-model predictor pool: answers from several threads at once
 * equal the tables' own ranking (each thread on its own predictor: DJL predictors are not thread-safe), the
 * pool keeps at most one predictor per concurrent caller, and a closed scorer refuses to score.
 */
class OrtScorerTest {
    private static final int THREADS = 4;
    private static final int QUERIES = 150;
    private static final int K = 10;

    @Test
    void concurrentCallersGetTheTablesAnswersFromPooledPredictors(@TempDir Path dir) throws Exception {
        ModelVersion version = TestModels.write(dir.resolve("v"), "v", TestModels.ITEMS, TestModels.DIMS, 5);
        ReferenceScorer reference = new ReferenceScorer(version.readContextTable(), version.readTargetTable());
        OrtScorer scorer = new OrtScorer(version.dir(), 1);
        CyclicBarrier together = new CyclicBarrier(THREADS);
        AtomicInteger certified = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> callers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = t;
            callers.add(pool.submit(() -> {
                Random random = new Random(seed);
                together.await(30, TimeUnit.SECONDS); // all callers start at once, so the pool must lend several predictors
                for (int q = 0; q < QUERIES; q++) {
                    int[] history = random.ints(1 + random.nextInt(20), 0, TestModels.ITEMS).toArray();
                    float[] weights = new float[history.length];
                    for (int i = 0; i < weights.length; i++) {
                        weights[i] = 0.1f + random.nextFloat();
                    }
                    OrtScorer.Answer answer = scorer.topK(history, weights, K);
                    Ranked expected = reference.topK(history, weights, K);
                    if (answer.exact()) {
                        certified.incrementAndGet();
                        assertArrayEquals(expected.items(), answer.ranked().items(), "top k of history " + List.of(history));
                        assertArrayEquals(expected.scores(), answer.ranked().scores(), 1e-5f);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : callers) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(certified.get() >= THREADS * QUERIES * 9 / 10, "certified only " + certified.get());
        int predictors = scorer.pooledPredictors();
        assertTrue(predictors >= 1 && predictors <= THREADS, "pooled predictors: " + predictors);

        scorer.close();
        assertEquals(0, scorer.pooledPredictors(), "closing the model closes its predictors");
        assertThrows(IllegalStateException.class, () -> scorer.topK(new int[] {1}, new float[] {1f}, K));
    }
}
