package dev.assocrec.retrain;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/** Event files in the bucket that a training job which started at a given time has not read. */
@ApplicationScoped
public class NewEventFiles {
    private final S3Client s3;
    private final RetrainConfig config;

    public NewEventFiles(S3Client s3, RetrainConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    /** One event file modified after {@code since} (pages are read only until one is found), as s3:// URI. */
    public Optional<String> anyAfter(Instant since) {
        return s3.listObjectsV2Paginator(r -> r.bucket(config.bucket()).prefix(config.eventsPrefix()))
                .contents().stream()
                .filter(object -> !object.key().endsWith("/") && object.lastModified().isAfter(since))
                .findFirst()
                .map(object -> "s3://" + config.bucket() + "/" + object.key());
    }
}
