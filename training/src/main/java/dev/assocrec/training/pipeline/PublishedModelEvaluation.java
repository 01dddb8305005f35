package dev.assocrec.training.pipeline;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.store.LocalFiles;
import dev.assocrec.store.ModelStore;
import dev.assocrec.training.data.Dataset;
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
 * manifest says) on a dataset's test split, beside the popularity and item-kNN baselines.
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
        Path work = Files.createTempDirectory("assocrec-evaluate-");
        try {
            ModelVersion model = log.step("download", store.location() + " version " + version,
                    () -> store.download(version, work.resolve(version)),
                    v -> String.format(Locale.ROOT, "%,d items x %d dims, verified", v.manifest().itemCount(),
                            v.manifest().dimensions()));
            AlignedTables tables = AlignedTables.of(model, data.catalog());
            if (tables.unknownItems() > 0) {
                log.info("%,d of %,d dataset items are unknown to version %s (they score 0)", tables.unknownItems(),
                        data.itemCount(), version);
            }
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
        } finally {
            LocalFiles.deleteTree(work);
        }
    }
}
