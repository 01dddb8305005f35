package dev.assocrec.functions.testing;

import com.adobe.testing.s3mock.S3MockApplication;
import dev.assocrec.store.S3Clients;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An in-process S3-compatible server (S3Mock, HTTP on a random port) holding a model store under
 * {@code s3://models-bucket/store/} with v1 published; the local copy it was uploaded from is kept
 * for the tests' oracle.
 */
public class S3StoreResource implements QuarkusTestResourceLifecycleManager {
    public static final String BUCKET = "models-bucket";
    public static final String PREFIX = "store/";

    private S3MockApplication s3mock;
    private Path local;
    private Path cache;

    @Override
    public Map<String, String> start() {
        Map<String, Object> props = new HashMap<>();
        props.put(S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT);
        props.put(S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT);
        props.put(S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET);
        props.put(S3MockApplication.PROP_SILENT, true);
        props.put("com.adobe.testing.s3mock.region", "us-east-1");
        props.put("spring.jmx.enabled", false);
        props.put("spring.main.lazy-initialization", true);
        props.put("logging.level.root", "WARN");
        try {
            local = Files.createTempDirectory("assocrec-s3-source-");
            cache = Files.createTempDirectory("assocrec-s3-cache-");
            props.put(S3MockApplication.PROP_ROOT_DIRECTORY, Files.createTempDirectory("assocrec-s3mock-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3mock = S3MockApplication.start(props);
        String endpoint = "http://127.0.0.1:" + s3mock.getHttpPort();
        // The S3 client of the function reads these (see S3Clients); S3Mock accepts any credentials.
        System.setProperty("assocrec.s3.endpoint", endpoint);
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        System.setProperty("aws.region", "us-east-1");

        TestModels.publish(new ModelStoreDir(local), "v1", 11);
        try (S3Client s3 = S3Clients.create(endpoint); Stream<Path> files = Files.walk(local)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String key = PREFIX + local.relativize(f).toString().replace('\\', '/');
                s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "assocrec.model.location", "s3://" + BUCKET + "/" + PREFIX,
                "assocrec.model.cache-directory", cache.toString(),
                "test.store.local", local.toString());
    }

    @Override
    public void stop() {
        if (s3mock != null) {
            s3mock.stop();
        }
        for (Path p : List.of(local, cache)) {
            TestFiles.deleteTree(p);
        }
    }
}
