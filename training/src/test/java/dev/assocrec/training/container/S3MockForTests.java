package dev.assocrec.training.container;

import com.adobe.testing.s3mock.S3MockApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** An in-process S3Mock on a random port (real S3 over HTTP) for the container's input and publish tests. */
final class S3MockForTests implements AutoCloseable {
    static final String REGION = "us-east-1";
    private final S3MockApplication app;

    S3MockForTests() {
        // The training module logs through slf4j-simple; Spring Boot must not insist on its Logback.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        try {
            // S3Mock edits the map it is given, so it must be mutable.
            app = S3MockApplication.start(new HashMap<>(Map.of(
                    S3MockApplication.PROP_HTTP_PORT, 0,
                    S3MockApplication.PROP_HTTPS_PORT, 0,
                    S3MockApplication.PROP_ROOT_DIRECTORY, Files.createTempDirectory("s3mock-container-").toString(),
                    "com.adobe.testing.s3mock.region", REGION,
                    "com.adobe.testing.s3mock.store.region", REGION,
                    "spring.jmx.enabled", false,
                    "spring.main.lazy-initialization", true,
                    S3MockApplication.PROP_SILENT, true)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + app.getHttpPort();
    }

    S3Client client() {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                .build();
    }

    static void put(S3Client s3, String bucket, String key, String content) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    @Override
    public void close() {
        app.stop();
    }
}
