package dev.assocrec.training.ingest;

import dev.assocrec.training.data.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a {@link DatasetRequest} in its format: the single entry point the CLI commands use. */
public final class DatasetLoader {
    private final IngestSettings settings;
    private final Progress progress;

    public DatasetLoader(IngestSettings settings, Progress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public Dataset load(DatasetRequest request) throws BadInputException, IOException {
        switch (request.format()) {
            case CSV, PARQUET -> {
                Path events = required("--events", request.events(), request.format());
                return new EventsDatasetReader(settings, progress).read(events, request.format() == InputFormat.PARQUET,
                        InputFiles.localize("--catalog", request.catalog()));
            }
            case SEQUENCE -> {
                Path input = required("--input", request.input(), request.format());
                return new SequenceDatasetReader(settings).read(input, InputFiles.localize("--attributes", request.attributes()));
            }
            case LIGHTGCN -> {
                if (request.train().isEmpty()) {
                    throw new BadInputException("--format lightgcn needs --train (one or more files)");
                }
                List<Path> train = new ArrayList<>();
                for (String part : request.train()) {
                    train.add(InputFiles.localize("--train", part));
                }
                return new LightGcnDatasetReader(settings).read(train, required("--test", request.test(), request.format()));
            }
            default -> throw new IllegalArgumentException("unknown format " + request.format());
        }
    }

    private static Path required(String option, String location, InputFormat format) throws BadInputException {
        Path p = InputFiles.localize(option, location);
        if (p == null) {
            throw new BadInputException("--format " + format.cliName() + " needs " + option);
        }
        return p;
    }
}
