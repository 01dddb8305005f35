package dev.assocrec.training.pipeline;

import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.export.ModelVersionWriter;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run as a model version folder: the trained tables plus what serving and operators need
 * beside them — the report's metrics, the data's provenance and the most popular train items
 * (serving's answer to an empty history).
 */
final class VersionExport {
    /** How many popular items the manifest lists for empty histories. */
    static final int POPULAR_ITEMS = 100;

    private VersionExport() {}

    static ModelVersion write(Path versionDir, String version, TrainingRun run) throws IOException {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, Metrics> e : run.report().models().entrySet()) {
            metrics.put(e.getKey(), ReportWriter.metricValues(e.getValue()));
        }
        ModelVersionWriter.VersionInfo info = new ModelVersionWriter.VersionInfo(version, Instant.now(),
                popularItems(run.data(), POPULAR_ITEMS), metrics, run.data().provenance());
        return ModelVersionWriter.write(versionDir, run.model(), run.data().catalog(), info);
    }

    /** Item indices by train interaction count, most first; ties by the lower index. */
    static List<Integer> popularItems(Dataset d, int limit) {
        long[] counts = new long[d.itemCount()];
        for (UserHistory h : d.train()) {
            for (int item : h.items()) {
                counts[item]++;
            }
        }
        List<Integer> order = new ArrayList<>(d.itemCount());
        for (int i = 0; i < d.itemCount(); i++) {
            if (counts[i] > 0) {
                order.add(i);
            }
        }
        order.sort((a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b));
        return List.copyOf(order.subList(0, Math.min(limit, order.size())));
    }
}
