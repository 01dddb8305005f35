package dev.assocrec.training.cli;

import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.ingest.BadInputException;
import dev.assocrec.training.ingest.DatasetLoader;
import dev.assocrec.training.ingest.DatasetRequest;
import dev.assocrec.training.ingest.IngestSettings;
import dev.assocrec.training.pipeline.StepLog;
import dev.assocrec.training.report.SkippedRows;
import dev.assocrec.training.util.Progress;
import java.io.IOException;
import java.util.Locale;

/** The ingest step of the commands that train or evaluate, and the name their reports carry. */
final class DatasetStep {
    private DatasetStep() {}

    /** Throws what the loader throws: {@link BadInputException} for bad data, {@link IOException} for unreadable files. */
    static Dataset load(StepLog log, DatasetRequest request, IngestSettings settings) throws Exception {
        Dataset data = log.step("ingest", request.format().cliName() + " " + name(request),
                () -> new DatasetLoader(settings, Progress.console()).load(request),
                d -> String.format(Locale.ROOT, "%,d users, %,d items, %,d attributes", d.userCount(), d.itemCount(),
                        d.attributeNames().size()));
        SkippedRows.of(data.provenance()).lines().forEach(line -> log.info("%s", line));
        return data;
    }

    /** The report's title: the main input's file name. */
    static String name(DatasetRequest r) {
        String main = switch (r.format()) {
            case CSV, PARQUET -> r.events();
            case SEQUENCE -> r.input();
            case LIGHTGCN -> r.train().isEmpty() ? null : r.train().get(0);
        };
        if (main == null || main.isBlank()) {
            return r.format().cliName();
        }
        String trimmed = main.endsWith("/") ? main.substring(0, main.length() - 1) : main;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
