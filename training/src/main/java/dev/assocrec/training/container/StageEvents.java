package dev.assocrec.training.container;

import dev.assocrec.store.S3Clients;
import dev.assocrec.store.S3Uri;
import dev.assocrec.training.ingest.BadInputException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The container's input step: turns {@code ASSOCREC_EVENTS} into the one events file the training
 * CLI reads. A single file (local or {@code s3://}) passes through unchanged; a prefix (ending in
 * {@code /}) or a local directory is collected and merged. Prints the file to use as the last line
 * of standard output; progress goes to standard error.
 *
 * <p>With {@code ASSOCREC_EVENTS_WINDOW_DAYS=N} (N > 0) only the files of a prefix modified in the last
 * N days are taken ({@link EventWindow}); the counts and bytes taken and skipped are logged.
 *
 * <p>Usage: {@code StageEvents <events location> <work dir>}. Exit codes: 0 staged; 2 bad input
 * (no event files, none in the window, a bad window value, mixed formats, files that cannot be read
 * together); 1 any other failure.
 */
public final class StageEvents {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    private StageEvents() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: StageEvents <events file, s3:// prefix or directory> <work dir>");
            System.exit(BAD_INPUT);
        }
        System.exit(run(args[0], Path.of(args[1]), System.getenv(EventWindow.VARIABLE), Instant.now(), System.out,
                System.err));
    }

    /**
     * @param windowDays the value of {@code ASSOCREC_EVENTS_WINDOW_DAYS} (null when unset)
     * @param now        when the window ends
     */
    static int run(String location, Path workDir, String windowDays, Instant now, PrintStream out, PrintStream log) {
        try {
            out.println(stage(location, workDir, EventWindow.parse(windowDays, now), log));
            return OK;
        } catch (BadInputException e) {
            log.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException | SdkException e) {
            log.println("error: staging events from " + location + " failed: " + e);
            return FAILED;
        }
    }

    static String stage(String location, Path workDir, EventWindow window, PrintStream log)
            throws IOException, BadInputException {
        if (!EventFiles.isPrefix(location)) {
            log.println("events: " + location + " is one file; the CLI reads it directly"
                    + (window.takesAll() ? "" : " (the window applies to prefixes only)"));
            return location;
        }
        Files.createDirectories(workDir);
        EventFiles.Selection selection;
        if (S3Uri.isS3(location)) {
            try (S3Client s3 = S3Clients.create()) {
                selection = EventFiles.collect(location, s3, workDir.resolve("downloads"), window);
            }
        } else {
            selection = EventFiles.collect(location, null, workDir.resolve("downloads"), window);
        }
        List<Path> files = selection.files();
        log.printf(Locale.ROOT, "events: %d file(s) under %s, %,d bytes, %s%s%n", files.size(), location,
                selection.takenBytes(), window.describe(), window.takesAll() ? "" : String.format(Locale.ROOT,
                        "; skipped as older: %d file(s), %,d bytes", selection.skippedFiles(), selection.skippedBytes()));
        if (files.size() == 1) {
            return files.get(0).toString();
        }
        Path target = workDir.resolve(files.stream().allMatch(EventFiles::isParquet) ? "events.parquet" : "events.csv");
        EventFilesMerger.Merged merged = EventFilesMerger.merge(files, target);
        for (EventFilesMerger.Span span : merged.spans()) {
            log.printf("events: %s -> %s %s %d-%d%n", span.source().getFileName(), target.getFileName(),
                    EventFiles.isParquet(target) ? "rows" : "lines", span.firstLine(), span.lastLine());
        }
        return merged.file().toString();
    }
}
