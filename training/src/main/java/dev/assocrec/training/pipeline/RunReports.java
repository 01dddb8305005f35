package dev.assocrec.training.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.model.EpochStats;
import dev.assocrec.training.model.GcnTrainer;
import dev.assocrec.training.model.PopularityTilt;
import dev.assocrec.training.report.EvaluationReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the {@link EvaluationReport} of a run: protocol line, split sizes, metrics, cost. */
public final class RunReports {
    private RunReports() {}

    static EvaluationReport of(String name, Dataset d, Map<String, Metrics> models, List<EpochStats> curve,
                               int bestEpoch, double trainSeconds, double graphSeconds, JsonNode config) {
        return of(name, d, models, Map.of(), curve, bestEpoch, trainSeconds, graphSeconds, config);
    }

    /** A run's report with ablation rows beside the compared models (the quality benchmark's). */
    public static EvaluationReport of(String name, Dataset d, Map<String, Metrics> models, Map<String, Metrics> ablations,
                                      List<EpochStats> curve, int bestEpoch, double trainSeconds, double graphSeconds,
                                      JsonNode config) {
        return new EvaluationReport(name, protocol(d, d.pooling()) + "; " + modelChoice(config), sizes(d), models,
                ablations, curve, bestEpoch,
                trainSeconds, graphSeconds, PeakMemory.residentMb(), config);
    }

    static String protocol(Dataset d, PoolingConfig pooling) {
        return d.protocol() + "; pooling " + describe(pooling);
    }

    /** Which protocol produced the GCN's weights: early stopping on validation, or a refit on train + validation. */
    static String modelChoice(JsonNode config) {
        String weights = config != null && config.path(GcnFitting.REFIT_KEY).asBoolean(false)
                ? "GCN refit on train + validation for " + config.path(GcnFitting.REFIT_EPOCHS_KEY).asInt()
                        + " epochs (the count chosen on validation)"
                : "GCN weights of the epoch with the best validation NDCG@20";
        return weights + averaging(config) + popularityPrior(config);
    }

    /** Whether the weights are an average over steps rather than the last step's. */
    private static String averaging(JsonNode config) {
        double decay = config == null ? 0 : config.path(GcnTrainer.CONFIG_KEY).path("parameterAveraging").asDouble(0);
        return decay > 0 ? " (their exponential moving average over steps, decay " + decay + " per step)" : "";
    }

    /** The exponent of the target rows' popularity prior and, when it was chosen here, the validation NDCG@20 of each one tried. */
    private static String popularityPrior(JsonNode config) {
        if (config == null || !config.has(PopularityTilt.EXPONENT_KEY)) {
            return "";
        }
        String prior = "; popularity prior τ = " + config.get(PopularityTilt.EXPONENT_KEY).asDouble();
        JsonNode screen = config.get(PopularityTilt.SCREEN_KEY);
        if (screen == null) {
            return prior + " (as configured)";
        }
        StringBuilder tried = new StringBuilder();
        screen.fields().forEachRemaining(e -> tried.append(tried.length() == 0 ? "" : ", ")
                .append(e.getKey()).append(String.format(Locale.ROOT, " → %.4f", e.getValue().asDouble())));
        return prior + " (chosen on validation; NDCG@20 per τ: " + tried + ")";
    }

    static EvaluationReport.SplitSizes sizes(Dataset d) {
        long train = 0;
        long validation = 0;
        long test = 0;
        int testUsers = 0;
        for (int u = 0; u < d.userCount(); u++) {
            train += d.train().get(u).size();
            validation += d.validation()[u].length;
            test += d.test()[u].length;
            testUsers += d.test()[u].length > 0 ? 1 : 0;
        }
        return new EvaluationReport.SplitSizes(d.userCount(), d.itemCount(), train, validation, test, testUsers);
    }

    private static String describe(PoolingConfig p) {
        return p.mode() == PoolingConfig.Mode.MEAN ? "mean"
                : p.mode() == PoolingConfig.Mode.ATTENTION ? "attention (learned; the model's parameters under pooling)"
                : "weighted, recency half-life " + p.recencyHalfLife() + " " + p.timeAxis().name().toLowerCase(Locale.ROOT);
    }
}
