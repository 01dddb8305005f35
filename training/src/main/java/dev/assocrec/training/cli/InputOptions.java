package dev.assocrec.training.cli;

import dev.assocrec.training.ingest.BadInputException;
import dev.assocrec.training.ingest.DatasetRequest;
import dev.assocrec.training.ingest.InputFormat;
import dev.assocrec.training.ingest.IngestSettings;
import dev.assocrec.training.pipeline.TrainingDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options every command that reads data shares: which format, which files, how to split. */
public final class InputOptions {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Input layout: csv, parquet, sequence or lightgcn. Default: parquet if --events ends in "
                    + ".parquet, csv for other --events, sequence for --input, lightgcn for --train.")
    String format;

    @Option(names = "--events", paramLabel = "FILE",
            description = "Event log (csv/parquet): columns user_id, item_id, event_type (view|cart|purchase), timestamp "
                    + "(ISO-8601 or epoch seconds/milliseconds), optional dwell_seconds, quantity; any column order.")
    String events;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "Catalogue (csv/parquet, optional): item_id plus optional category, brand, price, title.")
    String catalog;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Sequence file (sequence): one user per line, 'user item item ...' in time order.")
    String input;

    @Option(names = "--attributes", paramLabel = "FILE",
            description = "Item attributes JSON (sequence, optional): {\"item\": [attribute, ...]}.")
    String attributes;

    @Option(names = "--train", paramLabel = "FILE", arity = "1..*",
            description = "LightGCN train file(s) (lightgcn): 'user item item ...'; several parts are read in order as one file.")
    List<String> train = new ArrayList<>();

    @Option(names = "--test", paramLabel = "FILE", description = "LightGCN test file (lightgcn).")
    String test;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + IngestSettings.DEFAULT_SEED,
            description = "Seed for every random choice (e.g. the LightGCN validation hold-out). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--max-bad-fraction", paramLabel = "F", defaultValue = "" + IngestSettings.DEFAULT_MAX_BAD_FRACTION,
            description = "Bad rows (unknown event type, unparsable timestamp, ...) are skipped and counted; if more "
                    + "than this fraction of a file is bad, the run stops. 0 = stop at the first bad row. Default: ${DEFAULT-VALUE}.")
    double maxBadFraction;

    @Option(names = "--half-life", paramLabel = "ITEMS",
            description = "Sequence files only: pooling recency half-life, in positions (event logs weigh recency by "
                    + "time, 30 days). Default: 2 for sequences.")
    Double halfLife;

    public DatasetRequest request() throws BadInputException {
        return new DatasetRequest(resolvedFormat(), events, catalog, input, attributes, train, test);
    }

    public IngestSettings settings() throws BadInputException {
        try {
            return IngestSettings.defaults().withSeed(seed).withMaxBadFraction(maxBadFraction).withPositionalHalfLife(
                    halfLife != null ? halfLife : TrainingDefaults.forFormat(resolvedFormat()).positionalHalfLife());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(halfLife != null && !(halfLife > 0) ? "--half-life " + halfLife
                    + ": must be a number > 0" : "--max-bad-fraction " + maxBadFraction + ": must be between 0 and 1");
        }
    }

    InputFormat resolvedFormat() throws BadInputException {
        if (format != null) {
            try {
                return InputFormat.valueOf(format.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--format " + format + ": unknown format (use csv, parquet, sequence or lightgcn)");
            }
        }
        if (events != null) {
            return events.toLowerCase(Locale.ROOT).endsWith(".parquet") ? InputFormat.PARQUET : InputFormat.CSV;
        }
        if (input != null) {
            return InputFormat.SEQUENCE;
        }
        if (!train.isEmpty()) {
            return InputFormat.LIGHTGCN;
        }
        throw new BadInputException("no input given: pass --events (shop logs), --input (sequences) or --train/--test (LightGCN)");
    }
}
