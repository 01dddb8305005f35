package dev.assocrec.bench;

import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.functions.ParsedRequests;
import dev.assocrec.functions.PoolingChoice;
import dev.assocrec.functions.Recommender;
import dev.assocrec.functions.api.RecommendResponse;
import dev.assocrec.functions.model.LoadedModel;
import dev.assocrec.functions.scoring.ScoringSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code recommend} in-process (validated request → pooled top-10 → explanations → response), beside a plain
 * Java brute-force scan of the same tables, at 20-item histories: on a seeded model of {@code items} × {@code dims},
 * or on a trained version ({@code model}) with its users' histories ({@code histories}).
 */
@State(Scope.Benchmark)
public class RecommendBenchmark {
    @Param({"10000", "100000", "1000000"})
    public int items;

    /** Embedding width of the tables (the published baselines use 64; wider tables trade latency for quality). */
    @Param({"64"})
    public int dims;

    /** A published version folder to serve instead of a seeded benchmark model ({@code items} is then ignored). */
    @Param({""})
    public String model;

    /** Real histories (LightGCN format, the model's item ids) instead of seeded ones; {@code ""} = seeded. */
    @Param({""})
    public String histories;

    /** At most this many items per history. */
    @Param({"20"})
    public int history;

    /**
     * java-N: blocked Java scan over N threads; onnx-N: the ONNX graph with N intra-op threads (and the Java coarse pass
     * chosen at load); onnx-N/&lt;kernel&gt;: with assocrec.scoring.coarse-kernel pinned (java, onnx, fastscan).
     */
    @Param({"java-1", "java-2", "onnx-1", "onnx-2"})
    public String engine;

    LoadedModel loaded;
    Histories queries;
    final Recommender recommender = new Recommender();

    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance(int count) {
            next = (next + 1) % count;
            return next;
        }
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        ModelVersion version = model.isEmpty() ? BenchModels.version(items, dims) : ModelVersion.load(Path.of(model));
        String[] parts = engine.split("/");
        int threads = Integer.parseInt(parts[0].substring(parts[0].indexOf('-') + 1));
        ScoringSettings settings = engine.startsWith("java")
                ? ScoringSettings.java(threads, 0.25) : ScoringSettings.onnx(threads, 0.25);
        if (parts.length > 1) {
            settings = settings.withCoarseKernel(ScoringSettings.KernelChoice.valueOf(parts[1].toUpperCase(Locale.ROOT)));
        }
        long start = System.nanoTime();
        loaded = LoadedModel.load(version, "bench", settings);
        // A fresh fork: the load includes the coarse pass's warm-up (and, chosen at load, the timing of its forms).
        BenchModels.record("load-" + items + "-" + engine, String.format("%.2f s", (System.nanoTime() - start) / 1e9));
        queries = histories.isEmpty()
                ? new Histories(version.manifest().itemCount(), version.manifest().pooling(), history)
                : Histories.read(Path.of(histories), version, history);
    }

    @Benchmark
    public RecommendResponse recommend(Cursor cursor) {
        return recommender.recommend(loaded, new ParsedRequests.Recommend(queries.requests[cursor.advance(queries.count())],
                10, PoolingChoice.MODEL, true, null, 3));
    }

    @Benchmark
    public Ranked bruteForceJava(Cursor cursor) {
        int q = cursor.advance(queries.count());
        return loaded.reference().topK(queries.items[q], queries.weights[q], 10);
    }

    @TearDown(Level.Trial)
    public void memory() throws IOException {
        BenchModels.record("rss-" + items + "-" + engine, BenchModels.residentMemory());
        long certified = loaded.ranker().certifiedAnswers();
        long scanned = loaded.ranker().fallbackScans();
        if (certified + scanned > 0) {
            BenchModels.record("certified-" + items + "-" + engine, String.format("%.1f %% of %d (%s)",
                    100.0 * certified / (certified + scanned), certified + scanned, loaded.ranker().coarsePass()));
        }
    }
}
