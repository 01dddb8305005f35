package dev.assocrec.retrain;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** How long ago the serving pointer {@code models/current} was last moved (by a publish or a rollback). */
@ApplicationScoped
public class ModelAge {
    private final S3Client s3;
    private final RetrainConfig config;
    private final Clock clock;

    public ModelAge(S3Client s3, RetrainConfig config, Clock clock) {
        this.s3 = s3;
        this.config = config;
        this.clock = clock;
    }

    /** The pointer's age; empty while no model has been published. */
    public Optional<Duration> current() {
        try {
            var head = s3.headObject(r -> r.bucket(config.bucket()).key(config.currentKey()));
            return Optional.of(Duration.between(head.lastModified(), clock.instant()));
        } catch (NoSuchKeyException notPublishedYet) {
            return Optional.empty();
        }
    }
}
