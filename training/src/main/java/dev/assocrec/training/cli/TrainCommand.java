package dev.assocrec.training.cli;

import dev.assocrec.contract.export.ModelVersionWriter;
import dev.assocrec.store.ModelStore;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.eval.QualityGate;
import dev.assocrec.training.ingest.BadInputException;
import dev.assocrec.training.ingest.DatasetRequest;
import dev.assocrec.training.ingest.IngestSettings;
import dev.assocrec.training.pipeline.PublishedRun;
import dev.assocrec.training.pipeline.StepLog;
import dev.assocrec.training.pipeline.TrainingDefaults;
import dev.assocrec.training.pipeline.TrainingPipeline;
import dev.assocrec.training.pipeline.TrainingSettings;
import dev.assocrec.training.util.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Train, evaluate and publish a model version.",
            "",
            "Steps (one log line each): ingest, graph, train (early stopping on the",
            "validation split), evaluate (GCN, popularity and item-kNN on the test split),",
            "gate, report, export, publish. The store's current version moves only after",
            "the new version is stored and verified, and only if it passes the quality",
            "gate (see --gate-tolerance) and no rollback pinned current (see --force);",
            "otherwise the version is stored beside the serving one. On any failure",
            "current stays as it was.",
            "Unset hyper-parameters take the defaults for the data's kind.",
            "",
            "Examples:",
            "  ${ROOT-COMMAND-NAME} train --events events.csv --catalog catalog.csv --out models",
            "  ${ROOT-COMMAND-NAME} train --events s3://shop/events.csv --out s3://shop-models --epochs 20"})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--out", "--store"}, paramLabel = "STORE", required = true,
            description = "Model store to publish to: a directory or s3://bucket/prefix.")
    String store;

    @Option(names = "--model-version", paramLabel = "NAME",
            description = "Name of the new version (1-128 of [A-Za-z0-9._-]). Default: the UTC time, yyyyMMdd-HHmmss.")
    String version;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where report.json, report.md and curve.svg go. Default: <store>/reports/<version> for a "
                    + "local store; ./assocrec-reports/<version> for S3 (also uploaded to <store>/reports/<version>/).")
    Path reportDir;

    @Mixin
    InputOptions input;

    @Mixin
    ReleaseOptions release;

    @Mixin
    HyperParameterOptions hyper;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String name = StoreTarget.requireValidVersion("--model-version",
                version != null ? version : ModelVersionWriter.timestampVersion(Instant.now()));
        DatasetRequest request = input.request();
        TrainingDefaults defaults = TrainingDefaults.forFormat(request.format());
        // Applied now so that a bad option fails before the ingest, and again once the catalogue's size is known.
        hyper.apply(defaults.settings(), input.seed);
        hyper.pooling();
        QualityGate gate = release.gate();
        IngestSettings ingest = input.settings();
        StepLog log = new StepLog(out);
        try (ModelStore target = StoreTarget.open("--out", store)) {
            if (target.listVersions().contains(name)) {
                throw new BadInputException("version " + name + " is already in the store " + target.location()
                        + "; choose another --model-version");
            }
            TrainingSettings settings;
            Dataset data = DatasetStep.load(log, request, ingest);
            settings = hyper.apply(defaults.forCatalogue(data.itemCount()).settings(), input.seed);
            data = hyper.pooling().apply(data, defaults.pooling(), settings.gcn().dims());
            PublishedRun run = new TrainingPipeline(log, Progress.interactive()).trainAndPublish(
                    DatasetStep.name(request), data, settings,
                    StoreTarget.publication(target, store, name, reportDir, gate, release.force));
            MetricsTable.print(out, run.run().report());
            ReleaseSummary.print(out, run);
            MetricsTable.printReportFiles(out, run.reportDir());
            run.reportCopies().forEach(copy -> out.println("report copy: " + copy));
            return ReleaseSummary.exitCode(run);
        }
    }
}
