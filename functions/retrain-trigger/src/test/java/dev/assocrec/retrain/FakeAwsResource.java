package dev.assocrec.retrain;

import com.adobe.testing.s3mock.S3MockApplication;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the AWS stand-ins before the application and points its clients at them: {@link FakeAws}
 * for Batch, Step Functions and Scheduler, and S3Mock (a real S3 implementation over HTTP) holding
 * the data bucket.
 */
public class FakeAwsResource implements QuarkusTestResourceLifecycleManager {
    static final String BUCKET = "assocrec-data";

    private FakeAws aws;
    private S3MockApplication s3;

    @Override
    public Map<String, String> start() {
        try {
            aws = new FakeAws();
            s3 = S3MockApplication.start(s3MockProperties());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String fake = aws.endpoint().toString();
        return Map.of(
                "assocrec.retrain.endpoints.batch", fake,
                "assocrec.retrain.endpoints.step-functions", fake,
                "assocrec.retrain.endpoints.scheduler", fake,
                "assocrec.retrain.endpoints.s3", "http://127.0.0.1:" + s3.getHttpPort());
    }

    private static Map<String, Object> s3MockProperties() throws IOException {
        // S3Mock is a Spring Boot app; Quarkus owns logging in this JVM.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        Map<String, Object> props = new HashMap<>();
        props.put(S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT);
        props.put(S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT);
        props.put(S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET);
        props.put(S3MockApplication.PROP_SILENT, true);
        props.put(S3MockApplication.PROP_ROOT_DIRECTORY, Files.createTempDirectory("retrain-s3mock-").toString());
        props.put("com.adobe.testing.s3mock.region", "us-east-1");
        props.put("spring.jmx.enabled", false);
        props.put("spring.main.lazy-initialization", true);
        return props;
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.close();
        }
        if (s3 != null) {
            s3.stop();
        }
    }
}
