package dev.assocrec.training.pipeline;

import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.store.LocalFiles;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.graph.ItemGraphBuilder;
import dev.assocrec.training.model.GcnTrainer;
import dev.assocrec.training.model.TrainedModel;
import dev.assocrec.training.report.EvaluationReport;
import dev.assocrec.training.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training job, step by step: item graph → GCN (validation early stopping, optional refit) →
 * test-split evaluation of the GCN, popularity and item-kNN → report files → model version folder →
 * publish to the store. Each step logs a start and an end line. Publishing is last and atomic, so a
 * failure at any step leaves the store's current version as it was.
 */
public final class TrainingPipeline {
    private final StepLog log;
    private final boolean progressBars;

    public TrainingPipeline(StepLog log, boolean progressBars) {
        this.log = log;
        this.progressBars = progressBars;
    }

    /** Graph, training and evaluation; nothing is written. The quality benchmark's entry point. */
    public TrainingRun trainAndEvaluate(String name, Dataset data, TrainingSettings settings) {
        ItemGraph graph = log.step("graph", settings.graph().toString(),
                () -> new ItemGraphBuilder(settings.graph(), progressBars).build(data),
                g -> String.format(Locale.ROOT, "%,d edges (co-purchase %,d, co-view %,d, attribute %,d)",
                        g.normalized().nnz(), g.edges().coPurchase(), g.edges().coView(), g.edges().attribute()));
        TrainedModel model = log.step("train", settings.gcn() + (settings.refit() ? ", refit" : ""),
                () -> new GcnFitting(log, progressBars).fit(data, graph, settings.gcn(), settings.refit()),
                m -> String.format(Locale.ROOT, "best epoch %d of %d", m.bestEpoch(), m.epochs().size()));
        Map<String, Metrics> models = log.step("evaluate", "gcn, popularity, itemknn on the test split",
                () -> new ModelComparison(log, progressBars).onTestSplit(data, model.context(), model.target(),
                        model.pooling(), GcnTrainer.device(settings.gcn().device())),
                m -> "");
        EvaluationReport report = RunReports.of(name, data, models, model.epochs(), model.bestEpoch(),
                model.trainSeconds(), graph.buildSeconds(), model.config());
        return new TrainingRun(data, graph, model, report);
    }

    /** The whole job: {@link #trainAndEvaluate}, then report files, version folder and publication. */
    public PublishedRun trainAndPublish(String name, Dataset data, TrainingSettings settings, Publication target)
            throws IOException {
        TrainingRun run = trainAndEvaluate(name, data, settings);
        log.step("report", target.reportDir().toString(), () -> {
            ReportWriter.write(run.report(), target.reportDir());
            return target.reportDir();
        }, d -> "");
        Path work = Files.createTempDirectory("assocrec-export-");
        try {
            ModelVersion version = log.step("export", "version " + target.version(),
                    () -> VersionExport.write(work.resolve(target.version()), target.version(), run),
                    v -> String.format(Locale.ROOT, "%,d items x %d dims, verified", v.manifest().itemCount(),
                            v.manifest().dimensions()));
            Manifest manifest = log.step("publish", target.store().location(),
                    () -> target.store().publish(version.dir()),
                    m -> "current = " + m.version());
            List<String> copies = target.reportCopy() == null ? List.of()
                    : log.step("report-upload", target.reportCopy().toString(),
                            () -> ReportUpload.toS3(target.reportDir(), target.reportCopy()), u -> u.size() + " files");
            return new PublishedRun(run, manifest, target.store().location(), target.reportDir(), copies);
        } finally {
            LocalFiles.deleteTree(work);
        }
    }
}
