package dev.assocrec.training.pipeline;

import ai.djl.Device;
import dev.assocrec.contract.LocalFiles;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.store.ModelStore;
import dev.assocrec.store.StorePin;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.eval.GateVerdict;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.graph.ItemGraphBuilder;
import dev.assocrec.training.model.GcnTrainer;
import dev.assocrec.training.model.TrainedModel;
import dev.assocrec.training.report.EvaluationReport;
import dev.assocrec.training.report.GateSection;
import dev.assocrec.training.report.ReportWriter;
import dev.assocrec.training.report.SkippedRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The training job, step by step: item graph → GCN (validation early stopping, optional refit) →
 * test-split evaluation of the GCN, popularity and item-kNN → quality gate (the serving version on
 * the same split) → report files → model version folder → store, and publish when the gate passes.
 * Each step logs a start and an end line. Moving {@code current} is last and atomic, so a failure at
 * any step leaves the store's current version as it was.
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

    /**
     * The whole job: {@link #trainAndEvaluate}, the quality gate, report files (uploaded too, when the
     * store is on S3), the version folder, then storing it and, when the gate, the pin and
     * {@code --force} allow, making it current. Everything that can fail runs before the pointer moves.
     */
    public PublishedRun trainAndPublish(String name, Dataset data, TrainingSettings settings, Publication target)
            throws IOException {
        TrainingRun run = trainAndEvaluate(name, data, settings);
        ReleaseDecision decision = decide(run, target, GcnTrainer.device(settings.gcn().device()));
        String line = decision.line(target.store().location());
        log.info("%s", line);
        log.step("report", target.reportDir().toString(), () -> {
            ReportWriter.write(run.report(), SkippedRows.of(run.data().provenance()), new GateSection(decision.verdict(), decision.outcome().description(), line),
                    target.reportDir());
            return target.reportDir();
        }, d -> "");
        List<String> copies = target.reportCopy() == null ? List.of()
                : log.step("report-upload", target.reportCopy().toString(),
                        () -> ReportUpload.toS3(target.reportDir(), target.reportCopy()), u -> u.size() + " files");
        Path work = Files.createTempDirectory("assocrec-export-");
        try {
            ModelVersion version = log.step("export", "version " + target.version(),
                    () -> VersionExport.write(work.resolve(target.version()), target.version(), run),
                    v -> String.format(Locale.ROOT, "%,d items x %d dims, verified", v.manifest().itemCount(),
                            v.manifest().dimensions()));
            Manifest manifest = decision.movesCurrent()
                    ? log.step("publish", target.store().location(), () -> target.store().publish(version.dir()),
                            m -> "current = " + m.version())
                    : log.step("store", target.store().location(), () -> target.store().store(version.dir()),
                            m -> "stored " + m.version() + "; current stays " + decision.servingBefore());
            if (decision.releasesPin()) {
                target.store().unpin();
            }
            return new PublishedRun(run, manifest, decision, target.store().location(), target.reportDir(), copies);
        } finally {
            LocalFiles.deleteTree(work);
        }
    }

    /** Scores the serving version (if any) on the candidate's test split and weighs gate, pin and --force. */
    private ReleaseDecision decide(TrainingRun run, Publication target, Device device) throws IOException {
        ModelStore store = target.store();
        Optional<String> current = store.currentVersion();
        Optional<StorePin> pin = store.pin();
        GateVerdict.Serving serving = null;
        if (current.isPresent()) {
            try {
                Metrics metrics = log.step("gate", "version " + current.get() + " (serving) on the same test split",
                        () -> new PublishedModelEvaluation(log, progressBars).gcnOnTestSplit(store, current.get(),
                                run.data(), device), m -> String.format(Locale.ROOT, "NDCG@20 %.4f", m.ndcg20()));
                serving = new GateVerdict.Serving(current.get(), metrics);
            } catch (IOException | RuntimeException e) {
                // Without the comparison the gate cannot vouch for the candidate: only an operator's --force goes on.
                String why = "the quality gate could not download or score the serving version " + current.get()
                        + " (" + e.getMessage() + ")";
                if (!target.force()) {
                    throw new IOException(why + "; --force skips the comparison and publishes", e);
                }
                log.info("gate: %s; --force: publishing without the comparison", why);
            }
        }
        GateVerdict verdict = target.gate().judge(target.version(), run.report().models(), serving);
        return new ReleaseDecision(verdict, pin.orElse(null), target.force());
    }
}
