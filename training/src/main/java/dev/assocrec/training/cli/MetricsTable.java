package dev.assocrec.training.cli;

import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.report.EvaluationReport;
import dev.assocrec.training.report.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The test metrics of a report as a console table, and where the report files are. */
final class MetricsTable {
    private MetricsTable() {}

    static void print(PrintWriter out, EvaluationReport report) {
        EvaluationReport.SplitSizes z = report.split();
        out.printf(Locale.ROOT, "%nTest split: %,d users with held-out items, %,d items (%s)%n", z.testUsers(), z.items(),
                report.protocol());
        out.printf(Locale.ROOT, "%-12s %9s %9s %9s %9s %9s %9s%n", "model", "Recall@20", "NDCG@20", "HR@20",
                "Recall@10", "NDCG@10", "HR@10");
        for (Map.Entry<String, Metrics> e : report.models().entrySet()) {
            Metrics m = e.getValue();
            out.printf(Locale.ROOT, "%-12s %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f%n", e.getKey(), m.recall20(), m.ndcg20(),
                    m.hr20(), m.recall10(), m.ndcg10(), m.hr10());
        }
        if (!report.curve().isEmpty()) {
            out.printf(Locale.ROOT, "training: best epoch %d of %d, %.1f s (%.1f s per epoch), graph %.1f s%n",
                    report.bestEpoch(), report.curve().size(), report.trainSeconds(), report.secondsPerEpoch(),
                    report.graphSeconds());
        }
    }

    static void printReportFiles(PrintWriter out, Path dir) {
        boolean plotted = Files.isRegularFile(dir.resolve(ReportWriter.PLOT_FILE));
        out.printf("report: %s (also %s%s)%n", dir.resolve(ReportWriter.MARKDOWN_FILE), ReportWriter.JSON_FILE,
                plotted ? ", " + ReportWriter.PLOT_FILE : "");
    }
}
