package dev.assocrec.training.ingest;

import java.util.List;

/**
 * What to read, as locations (local paths or s3:// URIs); which fields are needed depends on the
 * format.
 *
 * @param events     event log (csv, parquet)
 * @param catalog    catalogue, optional (csv, parquet)
 * @param input      sequence file (sequence)
 * @param attributes item → attributes JSON, optional (sequence)
 * @param train      train file parts, read in order as one file (lightgcn)
 * @param test       test file (lightgcn)
 */
public record DatasetRequest(InputFormat format, String events, String catalog, String input, String attributes,
                             List<String> train, String test) {
    public DatasetRequest {
        train = train == null ? List.of() : List.copyOf(train);
    }

    public static DatasetRequest events(InputFormat format, String events, String catalog) {
        return new DatasetRequest(format, events, catalog, null, null, List.of(), null);
    }
}
