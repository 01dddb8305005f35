package dev.assocrec.training.ingest;

import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.util.Progress;
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
        try (InputFiles files = new InputFiles()) {
            return load(request, files);
        }
    }

    private Dataset load(DatasetRequest request, InputFiles files) throws BadInputException, IOException {
        switch (request.format()) {
            case CSV, PARQUET -> {
                Path events = required(files, "--events", request.events(), request.format());
                return new EventsDatasetReader(settings, progress).read(events, request.format() == InputFormat.PARQUET,
                        files.localize("--catalog", request.catalog()));
            }
            case SEQUENCE -> {
                Path input = required(files, "--input", request.input(), request.format());
                return new SequenceDatasetReader(settings).read(input, files.localize("--attributes", request.attributes()));
            }
            case LIGHTGCN -> {
                if (request.train().isEmpty()) {
                    throw new BadInputException("--format lightgcn needs --train (one or more files)");
                }
                Path test = required(files, "--test", request.test(), request.format());
                List<Path> train = new ArrayList<>();
                for (String part : request.train()) {
                    train.add(files.localize("--train", part));
                }
                return new LightGcnDatasetReader(settings).read(train, test);
            }
            default -> throw new IllegalArgumentException("unknown format " + request.format());
        }
    }

    private static Path required(InputFiles files, String option, String location, InputFormat format)
            throws BadInputException, IOException {
        if (location == null || location.isBlank()) {
            throw new BadInputException("--format " + format.cliName() + " needs " + option);
        }
        return files.localize(option, location);
    }
}
