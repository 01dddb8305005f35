package dev.assocrec.training.container;

import dev.assocrec.store.InputLocations;
import dev.assocrec.store.S3Uri;
import dev.assocrec.training.ingest.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The event files under a prefix: every {@code .csv}, {@code .csv.gz} or {@code .parquet} object
 * below an {@code s3://bucket/prefix/} or in a local directory, in key order, that the
 * {@link EventWindow} takes (older ones are skipped before any download). New behaviour data arrives
 * as many files under one prefix; the training CLI reads one file.
 */
final class EventFiles {
    /** One event file as listed: where it is, its size and when it was last modified. */
    record Listed(String location, long bytes, Instant lastModified) {}

    /** The local copies of the files taken, and what the window took and skipped. */
    record Selection(List<Path> files, long takenBytes, int skippedFiles, long skippedBytes) {}

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

    /**
     * The event files under the prefix that the window takes, local (S3 objects downloaded); fails with
     * a clear message when there are none. s3 may be null for a local directory.
     */
    static Selection collect(String prefix, S3Client s3, Path downloadDir, EventWindow window)
            throws IOException, BadInputException {
        List<Listed> listed = S3Uri.isS3(prefix) ? listS3(S3Uri.parse(prefix), s3) : listLocal(Path.of(prefix));
        if (listed.isEmpty()) {
            throw new BadInputException(prefix + ": no event files (.csv, .csv.gz, .parquet) under this prefix");
        }
        Map<Boolean, List<Listed>> byWindow = listed.stream()
                .collect(Collectors.partitioningBy(f -> window.includes(f.lastModified())));
        List<Listed> taken = byWindow.get(true);
        long skippedBytes = byWindow.get(false).stream().mapToLong(Listed::bytes).sum();
        int skipped = byWindow.get(false).size();
        if (taken.isEmpty()) {
            throw new BadInputException(String.format(Locale.ROOT, "%s: no event files modified in the last %d days "
                    + "(since %s; %s=%d); %d older file(s), %,d bytes skipped", prefix, window.days(), window.cutoff(),
                    EventWindow.VARIABLE, window.days(), skipped, skippedBytes));
        }
        List<Path> files = new ArrayList<>();
        for (Listed f : taken) {
            files.add(InputLocations.localize(f.location(), downloadDir, s3));
        }
        return new Selection(files, taken.stream().mapToLong(Listed::bytes).sum(), skipped, skippedBytes);
    }

    private static List<Listed> listS3(S3Uri prefix, S3Client s3) {
        List<Listed> files = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                .bucket(prefix.bucket()).prefix(prefix.prefix()).build()).contents()) {
            if (isEventFile(object.key())) {
                files.add(new Listed("s3://" + prefix.bucket() + "/" + object.key(), object.size(), object.lastModified()));
            }
        }
        return files;
    }

    private static List<Listed> listLocal(Path dir) throws IOException {
        List<Path> paths;
        try (Stream<Path> entries = Files.walk(dir)) {
            paths = entries.filter(Files::isRegularFile)
                    .filter(p -> isEventFile(p.getFileName().toString()))
                    .sorted()
                    .toList();
        }
        List<Listed> files = new ArrayList<>();
        for (Path p : paths) {
            files.add(new Listed(p.toString(), Files.size(p), Files.getLastModifiedTime(p).toInstant()));
        }
        return files;
    }
}
