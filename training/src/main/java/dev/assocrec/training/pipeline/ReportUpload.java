package dev.assocrec.training.pipeline;

import dev.assocrec.store.S3Clients;
import dev.assocrec.store.S3Uri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Copies a run's report files to an S3 prefix, so that a store on S3 keeps them beside the models. */
public final class ReportUpload {
    private ReportUpload() {}

    /** Uploads every file of {@code reportDir} under {@code target}; returns the object URIs. */
    public static List<String> toS3(Path reportDir, S3Uri target) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(reportDir)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        List<String> uploaded = new ArrayList<>();
        try (S3Client s3 = S3Clients.create()) {
            for (Path file : files) {
                S3Uri object = target.resolve(file.getFileName().toString());
                s3.putObject(r -> r.bucket(object.bucket()).key(object.key()).contentType(contentType(file)),
                        RequestBody.fromFile(file));
                uploaded.add(object.toString());
            }
        } catch (SdkException e) {
            throw new IOException("uploading the report from " + reportDir + " to " + target + " failed: "
                    + e.getMessage(), e);
        }
        return uploaded;
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return name.endsWith(".md") ? "text/markdown; charset=utf-8" : "application/octet-stream";
    }
}
