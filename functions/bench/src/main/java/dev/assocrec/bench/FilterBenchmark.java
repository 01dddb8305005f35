package dev.assocrec.bench;

import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.functions.api.Filters;
import dev.assocrec.functions.api.PriceRange;
import dev.assocrec.functions.model.LoadedModel;
import dev.assocrec.functions.scoring.ScoringSettings;
import java.io.IOException;
import java.util.BitSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How a filtered request should be scored, at 100k items: a Java scan over the accepted items, or
 * over-fetching from ONNX Runtime and keeping the accepted ones. The price filter keeps about
 * maxPrice × 0.9 % of the catalogue (prices are uniform on 1..100, one item in 11 has none).
 */
@State(Scope.Benchmark)
public class FilterBenchmark {
    @Param({"100000"})
    public int items;

    @Param({"2", "10", "25", "50", "90"})
    public int maxPrice;

    LoadedModel javaScan;
    LoadedModel overFetch;
    Histories histories;
    Filters filters;

    @Setup(Level.Trial)
    public void load() throws IOException {
        ModelVersion version = BenchModels.version(items);
        // Thresholds 1 and 0 force one strategy on every filtered request.
        javaScan = LoadedModel.load(version, "bench", ScoringSettings.onnx(1, 1.0));
        overFetch = LoadedModel.load(version, "bench", ScoringSettings.onnx(1, 0.0));
        histories = new Histories(items, version.manifest().pooling());
        filters = new Filters(null, null, new PriceRange(null, (double) maxPrice));
        BitSet accepted = javaScan.index().accepted(filters);
        BenchModels.record("selectivity-" + maxPrice, String.format("%.1f %%", 100.0 * accepted.cardinality() / items));
    }

    @Benchmark
    public Ranked javaScan(RecommendBenchmark.Cursor cursor) {
        return rank(javaScan, cursor.advance(Histories.COUNT));
    }

    @Benchmark
    public Ranked overFetch(RecommendBenchmark.Cursor cursor) {
        return rank(overFetch, cursor.advance(Histories.COUNT));
    }

    private Ranked rank(LoadedModel model, int q) {
        return model.ranker().rank(histories.items[q], histories.weights[q], 10, model.index().accepted(filters), true);
    }
}
