package dev.assocrec.training.pipeline;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assocrec.contract.LocalFiles;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.store.ModelStore;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.eval.EvalTask;
import dev.assocrec.training.eval.Evaluator;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.report.EvaluationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates a version as it was published (downloaded and verified from the store, pooled as its
 * manifest says) on a dataset's test split: beside the popularity and item-kNN baselines
 * ({@code evaluate}), or alone (the quality gate's serving figure). Items the version does not know
 * score 0.
 */
public final class PublishedModelEvaluation {
    private final StepLog log;
    private final boolean progressBars;

    public PublishedModelEvaluation(StepLog log, boolean progressBars) {
        this.log = log;
        this.progressBars = progressBars;
    }

    public EvaluationReport evaluate(ModelStore store, String version, String name, Dataset data, Device device)
            throws IOException {
        return withVersion(store, version, data, (model, tables) -> {
            Manifest manifest = model.manifest();
            Map<String, Metrics> models = log.step("evaluate", "gcn (version " + version + "), popularity, itemknn",
                    () -> new ModelComparison(log, progressBars).onTestSplit(data, tables.context(), tables.target(),
                            manifest.pooling(), device), m -> "");
            JsonNode training = manifest.training();
            String protocol = RunReports.protocol(data, manifest.pooling()) + "; model version " + version
                    + (tables.unknownItems() > 0 ? "; " + tables.unknownItems() + " dataset items unknown to the model" : "");
            return new EvaluationReport(name, protocol, RunReports.sizes(data), models, Map.of(), List.of(),
                    training == null ? 0 : training.path("bestEpoch").asInt(),
                    training == null ? Double.NaN : training.path("trainSeconds").asDouble(Double.NaN),
                    Double.NaN, PeakMemory.residentMb(), training);
        });
    }

    /** The version's served scoring alone on the test split: what the quality gate compares a candidate with. */
    public Metrics gcnOnTestSplit(ModelStore store, String version, Dataset data, Device device) throws IOException {
        return withVersion(store, version, data, (model, tables) -> {
            Metrics m = ModelComparison.gcn(new Evaluator(data.itemCount()), EvalTask.test(data), tables.context(),
                    tables.target(), model.manifest().pooling(), device);
            log.info("gcn (version %s) %s", version, m);
            return m;
        });
    }

    /** Work on a downloaded, verified version whose tables are aligned to the dataset's items. */
    @FunctionalInterface
    private interface VersionWork<T> {
        T apply(ModelVersion model, AlignedTables tables);
    }

    private <T> T withVersion(ModelStore store, String version, Dataset data, VersionWork<T> work) throws IOException {
        Path dir = Files.createTempDirectory("assocrec-evaluate-");
        try {
            ModelVersion model = log.step("download", store.location() + " version " + version,
                    () -> store.download(version, dir.resolve(version)),
                    v -> String.format(Locale.ROOT, "%,d items x %d dims, verified", v.manifest().itemCount(),
                            v.manifest().dimensions()));
            AlignedTables tables = AlignedTables.of(model, data.catalog());
            if (tables.unknownItems() > 0) {
                log.info("%,d of %,d dataset items are unknown to version %s (they score 0)", tables.unknownItems(),
                        data.itemCount(), version);
            }
            return work.apply(model, tables);
        } finally {
            LocalFiles.deleteTree(dir);
        }
    }
}
