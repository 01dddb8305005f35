package dev.assocrec.training.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What ingest left out of each input file, by reason, with the first example of each: the same
 * figures on the console, in {@code report.md} and in {@code report.json}, so that a run never drops
 * rows silently. Read from a dataset's provenance (the sections that carry {@code skippedByReason}).
 */
public record SkippedRows(List<InputFile> files) {
    /** One input file: rows read, rows skipped per reason and the first example of each, duplicates dropped. */
    public record InputFile(String path, long rows, Map<String, Long> skippedByReason, Map<String, String> firstExamples,
                            long duplicatesRemoved) {
        long skipped() {
            return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public SkippedRows {
        files = List.copyOf(files);
    }

    /** Empty for a dataset built in memory (no provenance). */
    public static SkippedRows of(JsonNode provenance) {
        List<InputFile> files = new ArrayList<>();
        if (provenance == null) {
            return new SkippedRows(files);
        }
        for (Iterator<JsonNode> it = provenance.elements(); it.hasNext(); ) {
            JsonNode section = it.next();
            if (!section.has("skippedByReason")) {
                continue;
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            Map<String, String> examples = new LinkedHashMap<>();
            section.get("skippedByReason").fields().forEachRemaining(e -> {
                counts.put(e.getKey(), e.getValue().asLong());
                examples.put(e.getKey(), section.path("firstExamples").path(e.getKey()).asText());
            });
            files.add(new InputFile(section.path("path").asText(), section.path("rows").asLong(), counts, examples,
                    section.path("duplicatesRemoved").asLong()));
        }
        return new SkippedRows(files);
    }

    /** One line per file ("events.csv: 1,000 rows, 3 skipped") and one per reason with its first example. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (InputFile f : files) {
            out.add(String.format(Locale.ROOT, "%s: %,d rows, %s", f.path(), f.rows(),
                    f.skipped() == 0 ? "none skipped" : String.format(Locale.ROOT, "%,d skipped", f.skipped())));
            f.skippedByReason().forEach((reason, n) -> out.add(String.format(Locale.ROOT, "  %,d × %s; first: %s", n,
                    reason, f.firstExamples().get(reason))));
            if (f.duplicatesRemoved() > 0) {
                out.add(String.format(Locale.ROOT, "  %,d duplicate events removed", f.duplicatesRemoved()));
            }
        }
        return out;
    }

    ArrayNode toJson() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (InputFile f : files) {
            var n = out.addObject().put("path", f.path()).put("rows", f.rows()).put("skipped", f.skipped());
            var reasons = n.putObject("skippedByReason");
            f.skippedByReason().forEach((reason, count) -> reasons.putObject(reason).put("rows", count)
                    .put("first", f.firstExamples().get(reason)));
            n.put("duplicatesRemoved", f.duplicatesRemoved());
        }
        return out;
    }

    String markdown() {
        StringBuilder s = new StringBuilder("\n## Input rows skipped\n\n");
        if (files.isEmpty()) {
            return s.append("No row-level checks for this input format.\n").toString();
        }
        s.append("| file | rows | skipped | reason | first example |\n|---|---:|---:|---|---|\n");
        for (InputFile f : files) {
            if (f.skippedByReason().isEmpty()) {
                s.append(String.format(Locale.ROOT, "| %s | %d | 0 | | |%n", f.path(), f.rows()));
            }
            f.skippedByReason().forEach((reason, n) -> s.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s |%n",
                    f.path(), f.rows(), n, reason, f.firstExamples().get(reason).replace("|", "\\|"))));
        }
        return s.toString();
    }
}
