package dev.assocrec.training.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.model.EpochStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one evaluation run measured: test metrics per model on the same split, the split sizes,
 * the GCN's training curve and cost, and any ablation rows.
 *
 * @param models        test metrics per model name (gcn, popularity, itemknn), in table order
 * @param ablations     extra GCN variants by label (e.g. "layers=0"), evaluated on the same split
 * @param peakMemoryMb  the JVM's peak resident memory if measured, else NaN
 */
public record EvaluationReport(
        String dataset,
        String protocol,
        SplitSizes split,
        Map<String, Metrics> models,
        Map<String, Metrics> ablations,
        List<EpochStats> curve,
        int bestEpoch,
        double trainSeconds,
        double graphSeconds,
        double peakMemoryMb,
        JsonNode config) {

    /** Users, items and held-out interaction counts of the split. */
    public record SplitSizes(int users, int items, long trainInteractions, long validationInteractions,
                             long testInteractions, int testUsers) {}

    public EvaluationReport {
        models = new LinkedHashMap<>(models);
        ablations = new LinkedHashMap<>(ablations);
        curve = List.copyOf(curve);
    }

    public double secondsPerEpoch() {
        return curve.isEmpty() ? Double.NaN : curve.stream().mapToDouble(EpochStats::seconds).average().orElse(Double.NaN);
    }
}
