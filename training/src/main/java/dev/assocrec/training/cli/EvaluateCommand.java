package dev.assocrec.training.cli;

import dev.assocrec.store.CurrentPointer;
import dev.assocrec.store.ModelStore;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.ingest.BadInputException;
import dev.assocrec.training.ingest.DatasetRequest;
import dev.assocrec.training.model.GcnTrainer;
import dev.assocrec.training.pipeline.PublishedModelEvaluation;
import dev.assocrec.training.pipeline.StepLog;
import dev.assocrec.training.report.EvaluationReport;
import dev.assocrec.training.report.ReportWriter;
import dev.assocrec.training.report.SkippedRows;
import dev.assocrec.training.pipeline.ReportUpload;
import dev.assocrec.training.util.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "evaluate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Evaluate a published model version on a dataset's test split.",
            "",
            "Downloads and verifies the version (default: current), scores the test",
            "split as serving would (the manifest's pooling; items matched by id), and",
            "writes a report with the popularity and item-kNN baselines beside it",
            "(beside the version's training report; see --report-dir).",
            "",
            "Example:",
            "  ${ROOT-COMMAND-NAME} evaluate --store models --events events.csv --catalog catalog.csv"})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "STORE", required = true,
            description = "Model store to read from: a directory or s3://bucket/prefix.")
    String store;

    @Option(names = "--model-version", paramLabel = "NAME", description = "Version to evaluate. Default: the current one.")
    String version;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where report.json and report.md go. Default: <store>/reports/<version>/evaluations/<UTC "
                    + "time> for a local store; for S3 ./assocrec-reports/<version>/evaluations/<UTC time>, also "
                    + "uploaded to <store>/reports/<version>/evaluations/<UTC time>/.")
    Path reportDir;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            description = "cpu, gpu or auto. Default: ${DEFAULT-VALUE}.")
    String device;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String dev = HyperParameterOptions.checkedDevice(device);
        DatasetRequest request = input.request();
        StepLog log = new StepLog(out);
        try (ModelStore source = StoreTarget.openExisting("--store", store)) {
            String name = version != null ? StoreTarget.requireValidVersion("--model-version", version)
                    : source.current().map(CurrentPointer::version).orElseThrow(() -> new BadInputException(
                            "the store " + source.location() + " has no current version; publish one or pass --model-version"));
            StoreTarget.requireStored(source, name);
            Dataset data = DatasetStep.load(log, request, input.settings());
            EvaluationReport report = new PublishedModelEvaluation(log, Progress.interactive())
                    .evaluate(source, name, DatasetStep.name(request), data, GcnTrainer.device(dev));
            StoreTarget.ReportPlace place = StoreTarget.evaluationReport(source, store, name, reportDir);
            ReportWriter.write(report, SkippedRows.of(data.provenance()), null, place.dir());
            List<String> copies = place.copy() == null ? List.of() : log.step("report-upload", place.copy().toString(),
                    () -> ReportUpload.toS3(place.dir(), place.copy()), u -> u.size() + " files");
            MetricsTable.print(out, report);
            out.printf("evaluated version %s from %s%n", name, source.location());
            MetricsTable.printReportFiles(out, place.dir());
            copies.forEach(copy -> out.println("report copy: " + copy));
        }
        return AssocrecCli.EXIT_OK;
    }
}
