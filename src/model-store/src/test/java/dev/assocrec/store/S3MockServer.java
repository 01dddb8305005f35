package dev.assocrec.store;

import com.adobe.testing.s3mock.S3MockApplication;
import dev.assocrec.contract.LocalFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/**
 * An in-process S3Mock (a real HTTP S3 implementation) on a random port, shared by every test class
 * of the run and stopped when the run ends. Register with
 * {@code @RegisterExtension static final S3MockServer S3 = new S3MockServer();}.
 */
public final class S3MockServer implements BeforeAllCallback {
    public static final String REGION = "us-east-1";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(S3MockServer.class);

    private Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Running.class, k -> Running.start(), Running.class);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + running.app.getHttpPort();
    }

    /** A path-style client with dummy credentials (S3Mock checks none). */
    public S3Client newClient() {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(java.net.URI.create(endpoint()))
                .forcePathStyle(true)
                .build();
    }

    /** A fresh bucket per test keeps tests independent without restarting the server. */
    public String createBucket(S3Client client, String name) {
        client.createBucket(CreateBucketRequest.builder().bucket(name).build());
        return name;
    }

    /** The running server; AutoCloseable so that JUnit stops it when the root store closes. */
    private static final class Running implements AutoCloseable {
        private final S3MockApplication app;
        private final Path storeRoot;

        private Running(S3MockApplication app, Path storeRoot) {
            this.app = app;
            this.storeRoot = storeRoot;
        }

        static Running start() {
            // Spring Boot (inside S3Mock) must not insist on its own Logback where the caller logs
            // through another slf4j binding (the training module uses slf4j-simple).
            System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
            try {
                Path storeRoot = Files.createTempDirectory("s3mock-");
                Map<String, Object> props = new HashMap<>();
                // Passed explicitly: another application.properties on the test class path must not win.
                props.put(S3MockApplication.PROP_HTTP_PORT, 0);
                props.put(S3MockApplication.PROP_HTTPS_PORT, 0);
                props.put(S3MockApplication.PROP_ROOT_DIRECTORY, storeRoot.toString());
                props.put("com.adobe.testing.s3mock.store.region", REGION);
                props.put("com.adobe.testing.s3mock.region", REGION);
                props.put("spring.jmx.enabled", false);
                props.put("spring.main.lazy-initialization", true);
                props.put(S3MockApplication.PROP_SILENT, true);
                return new Running(S3MockApplication.start(props), storeRoot);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create the S3Mock store folder", e);
            }
        }

        @Override
        public void close() {
            app.stop();
            LocalFiles.deleteTree(storeRoot);
        }
    }
}
