package dev.assocrec.training.container;

import dev.assocrec.store.InputLocations;
import dev.assocrec.store.S3Uri;
import dev.assocrec.training.ingest.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The event files under a prefix: every {@code .csv}, {@code .csv.gz} or {@code .parquet} object
 * below an {@code s3://bucket/prefix/} (downloaded) or in a local directory, in key order. New
 * behaviour data arrives as many files under one prefix; the training CLI reads one file.
 */
final class EventFiles {
    private EventFiles() {}

    /** A location names a prefix (a folder of event files) when it ends with a slash or is a local directory. */
    static boolean isPrefix(String location) {
        return location.endsWith("/") || (!S3Uri.isS3(location) && Files.isDirectory(Path.of(location)));
    }

    static boolean isEventFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".csv.gz") || n.endsWith(".parquet");
    }

    static boolean isParquet(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    /** The event files under the prefix, local; fails with a clear message when there are none. s3 may be null for a local directory. */
    static List<Path> collect(String prefix, S3Client s3, Path downloadDir) throws IOException, BadInputException {
        List<Path> files = S3Uri.isS3(prefix) ? download(S3Uri.parse(prefix), s3, downloadDir) : listLocal(Path.of(prefix));
        if (files.isEmpty()) {
            throw new BadInputException(prefix + ": no event files (.csv, .csv.gz, .parquet) under this prefix");
        }
        return files;
    }

    private static List<Path> download(S3Uri prefix, S3Client s3, Path downloadDir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                .bucket(prefix.bucket()).prefix(prefix.prefix()).build()).contents()) {
            if (isEventFile(object.key())) {
                files.add(InputLocations.localize("s3://" + prefix.bucket() + "/" + object.key(), downloadDir, s3));
            }
        }
        return files;
    }

    private static List<Path> listLocal(Path dir) throws IOException {
        try (Stream<Path> entries = Files.walk(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> isEventFile(p.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }
}
