package dev.assocrec.training.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.adobe.testing.s3mock.S3MockApplication;
import dev.assocrec.store.S3Clients;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.util.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Inputs given as s3:// URIs are read through a real (in-process) S3 server. */
class S3InputTest {
    private static final Map<String, String> PROPERTIES = Map.of("aws.accessKeyId", "test", "aws.secretAccessKey", "test",
            "aws.region", "us-east-1");

    @TempDir
    static Path dir;

    static S3MockApplication s3mock;

    @BeforeAll
    static void startS3() {
        // The training app logs through slf4j-simple; keep Spring Boot (inside S3Mock) from insisting on Logback.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        // start() adds to the map it is given.
        s3mock = S3MockApplication.start(new HashMap<>(Map.of(S3MockApplication.PROP_HTTP_PORT, 0, S3MockApplication.PROP_HTTPS_PORT, 0,
                S3MockApplication.PROP_ROOT_DIRECTORY, dir.resolve("s3").toString(), S3MockApplication.PROP_SILENT, true,
                "com.adobe.testing.s3mock.region", "us-east-1", "spring.jmx.enabled", false,
                "spring.main.lazy-initialization", true)));
        PROPERTIES.forEach(System::setProperty);
        System.setProperty("assocrec.s3.endpoint", "http://127.0.0.1:" + s3mock.getHttpPort());
    }

    @AfterAll
    static void stopS3() {
        PROPERTIES.keySet().forEach(System::clearProperty);
        System.clearProperty("assocrec.s3.endpoint");
        s3mock.stop();
    }

    @Test
    void eventsAndCatalogFromS3ReadLikeLocalFiles() throws Exception {
        Path events = Files.write(dir.resolve("events.csv"), List.of("user_id,item_id,event_type,timestamp",
                "u1,a,view,1704103200", "u1,b,cart,1704103300", "u1,c,purchase,1704103400", "u2,a,view,1704103500"));
        Path catalog = Files.write(dir.resolve("catalog.csv"), List.of("item_id,category", "a,shoes", "b,hats", "c,hats"));
        try (S3Client s3 = S3Clients.create()) {
            s3.createBucket(b -> b.bucket("shop-inputs"));
            s3.putObject(b -> b.bucket("shop-inputs").key("2026/events.csv"), RequestBody.fromFile(events));
            s3.putObject(b -> b.bucket("shop-inputs").key("2026/catalog.csv"), RequestBody.fromFile(catalog));
        }
        DatasetLoader loader = new DatasetLoader(IngestSettings.defaults(), Progress.NONE);
        Dataset remote = loader.load(DatasetRequest.events(InputFormat.CSV, "s3://shop-inputs/2026/events.csv",
                "s3://shop-inputs/2026/catalog.csv"));
        Dataset local = loader.load(DatasetRequest.events(InputFormat.CSV, events.toString(), catalog.toString()));

        assertEquals(local.catalog().items(), remote.catalog().items());
        assertEquals(local.attributeNames(), remote.attributeNames());
        assertArrayEquals(local.train().get(0).items(), remote.train().get(0).items());
        assertArrayEquals(local.test()[0], remote.test()[0]);
        String downloaded = remote.provenance().get("events").get("path").asText();
        assertEquals("events.csv", Path.of(downloaded).getFileName().toString());
        assertFalse(Files.exists(Path.of(downloaded)), "downloads are removed after the read");

        String msg = assertThrows(BadInputException.class, () -> loader.load(DatasetRequest.events(InputFormat.CSV,
                "s3://shop-inputs/2026/missing.csv", null))).getMessage();
        assertEquals("--events s3://shop-inputs/2026/missing.csv: no such file", msg);
    }
}
