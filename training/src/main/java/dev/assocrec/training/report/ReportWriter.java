package dev.assocrec.training.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assocrec.training.eval.GateVerdict;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.model.EpochStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Writes report.json, report.md and the curve SVG of an {@link EvaluationReport} into a folder. */
public final class ReportWriter {
    public static final String JSON_FILE = "report.json";
    public static final String MARKDOWN_FILE = "report.md";
    public static final String PLOT_FILE = "curve.svg";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {}

    public static void write(EvaluationReport report, Path dir) throws IOException {
        write(report, null, null, dir);
    }

    /**
     * A run's report with what ingest skipped and the quality-gate section (either null: none; {@code evaluate}
     * has no gate). The curve is drawn only when the run trained: a published version has no curve to show.
     */
    public static void write(EvaluationReport report, SkippedRows skipped, GateSection gate, Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectNode json = toJson(report);
        String markdown = markdown(report);
        if (skipped != null) {
            json.set("skippedRows", skipped.toJson());
            markdown += skipped.markdown();
        }
        if (gate != null) {
            json.set("gate", gateJson(gate));
            markdown += gateMarkdown(gate);
        }
        JSON.writeValue(dir.resolve(JSON_FILE).toFile(), json);
        if (!report.curve().isEmpty()) {
            Files.writeString(dir.resolve(PLOT_FILE),
                    CurvePlot.svg(report.dataset() + ": GCN training", report.curve(), report.bestEpoch()));
        }
        Files.writeString(dir.resolve(MARKDOWN_FILE), markdown);
    }

    public static ObjectNode toJson(EvaluationReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("dataset", r.dataset());
        root.put("protocol", r.protocol());
        root.set("split", JSON.valueToTree(r.split()));
        root.set("models", metrics(r.models()));
        if (!r.ablations().isEmpty()) {
            root.set("ablations", metrics(r.ablations()));
        }
        ObjectNode training = root.putObject("training");
        training.put("bestEpoch", r.bestEpoch());
        training.put("trainSeconds", r.trainSeconds());
        training.put("secondsPerEpoch", r.secondsPerEpoch());
        training.put("graphSeconds", r.graphSeconds());
        if (!Double.isNaN(r.peakMemoryMb())) {
            training.put("peakMemoryMb", r.peakMemoryMb());
        }
        ArrayNode curve = training.putArray("curve");
        for (EpochStats e : r.curve()) {
            ObjectNode n = curve.addObject();
            n.put("epoch", e.epoch());
            n.put("loss", e.loss());
            putNumber(n, "validationRecall@20", e.validationRecall20());
            putNumber(n, "validationNdcg@20", e.validationNdcg20());
            n.put("seconds", e.seconds());
        }
        if (r.config() != null) {
            root.set("config", r.config());
        }
        return root;
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isNaN(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }

    private static ObjectNode gateJson(GateSection gate) {
        GateVerdict v = gate.verdict();
        ObjectNode n = JSON.createObjectNode();
        n.put("decision", gate.decision());
        n.put("passed", v.passed());
        n.put("tolerance", v.tolerance());
        n.put("candidateVersion", v.candidateVersion());
        n.put("candidateNdcg@20", v.candidate().ndcg20());
        n.put("popularityNdcg@20", v.popularity().ndcg20());
        if (v.serving() == null) {
            n.putNull("serving");
        } else {
            ObjectNode serving = n.putObject("serving");
            serving.put("version", v.serving().version());
            serving.set("metrics", metrics(Map.of("gcn", v.serving().metrics())).get("gcn"));
            n.put("threshold", v.threshold());
        }
        n.put("line", gate.line());
        return n;
    }

    private static String gateMarkdown(GateSection gate) {
        GateVerdict v = gate.verdict();
        Map<String, Metrics> rows = new LinkedHashMap<>();
        rows.put("candidate " + v.candidateVersion(), v.candidate());
        if (v.serving() != null) {
            rows.put("serving " + v.serving().version(), v.serving().metrics());
        }
        rows.put("popularity", v.popularity());
        return "\n## Quality gate (same test split)\n\n" + table(rows)
                + String.format(Locale.ROOT, "%nTolerance %s; decision: %s.%n%n`%s`%n", v.tolerance(), gate.decision(),
                        gate.line());
    }

    private static ObjectNode metrics(Map<String, Metrics> models) {
        ObjectNode out = JSON.createObjectNode();
        models.forEach((name, m) -> {
            ObjectNode n = out.putObject(name);
            metricValues(m).forEach((key, value) -> {
                if (key.equals("users")) {
                    n.put(key, m.users());
                } else {
                    n.put(key, value);
                }
            });
        });
        return out;
    }

    /** The metrics under the names report.json and the model manifest use ("recall@20", ...). */
    public static Map<String, Double> metricValues(Metrics m) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("recall@20", m.recall20());
        values.put("ndcg@20", m.ndcg20());
        values.put("hr@20", m.hr20());
        values.put("recall@10", m.recall10());
        values.put("ndcg@10", m.ndcg10());
        values.put("hr@10", m.hr10());
        values.put("users", (double) m.users());
        return values;
    }

    public static String markdown(EvaluationReport r) {
        StringBuilder s = new StringBuilder();
        s.append("# Evaluation: ").append(r.dataset()).append("\n\n");
        s.append("Protocol: ").append(r.protocol()).append("\n\n");
        EvaluationReport.SplitSizes z = r.split();
        s.append(String.format(Locale.ROOT,
                "Split: %d users, %d items; train %d, validation %d, test %d interactions (%d test users).%n%n",
                z.users(), z.items(), z.trainInteractions(), z.validationInteractions(), z.testInteractions(), z.testUsers()));
        s.append(table(r.models()));
        if (!r.ablations().isEmpty()) {
            s.append("\n## Ablations (GCN variants, same split)\n\n").append(table(r.ablations()));
        }
        if (r.curve().isEmpty()) {
            return s.append("\nNo training in this run: the model was loaded as published.\n").toString();
        }
        boolean validated = r.curve().stream().anyMatch(e -> !Double.isNaN(e.validationNdcg20()));
        s.append(String.format(Locale.ROOT, "%n## Training%n%n%s; training %.1f s (%.1f s per epoch); graph build %.1f s",
                validated ? String.format(Locale.ROOT, "Best epoch %d of %d", r.bestEpoch(), r.curve().size())
                        : String.format(Locale.ROOT, "%d epochs, no validation split left to score", r.curve().size()),
                r.trainSeconds(), r.secondsPerEpoch(), r.graphSeconds()));
        if (!Double.isNaN(r.peakMemoryMb())) {
            s.append(String.format(Locale.ROOT, "; peak memory %.0f MB", r.peakMemoryMb()));
        }
        s.append(".\n\n![validation NDCG@20 and loss per epoch](").append(PLOT_FILE).append(")\n\n");
        s.append("| epoch | loss | val Recall@20 | val NDCG@20 | seconds |\n|---:|---:|---:|---:|---:|\n");
        for (EpochStats e : r.curve()) {
            s.append(String.format(Locale.ROOT, "| %d | %.4f | %s | %s | %.1f |%n",
                    e.epoch(), e.loss(), orDash(e.validationRecall20()), orDash(e.validationNdcg20()), e.seconds()));
        }
        return s.toString();
    }

    private static String orDash(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String table(Map<String, Metrics> rows) {
        StringBuilder s = new StringBuilder();
        s.append("| model | Recall@20 | NDCG@20 | HR@20 | Recall@10 | NDCG@10 | HR@10 |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach((name, m) -> s.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |%n",
                name, m.recall20(), m.ndcg20(), m.hr20(), m.recall10(), m.ndcg10(), m.hr10())));
        return s.toString();
    }
}
