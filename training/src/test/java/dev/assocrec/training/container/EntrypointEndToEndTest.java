package dev.assocrec.training.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assocrec.contract.Manifest;
import dev.assocrec.store.S3MockServer;
import dev.assocrec.store.S3ModelStore;
import dev.assocrec.store.S3Uri;
import dev.assocrec.training.demo.ShopConfig;
import dev.assocrec.training.demo.ShopCsvWriter;
import dev.assocrec.training.demo.SyntheticShop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The container's whole job as a separate process against S3Mock: event files under an S3 prefix →
 * staged and merged → trained → published to an S3 store, with `current` moved and the report
 * uploaded; then a run on bad events fails with exit 2 and leaves `current` where it was.
 */
class EntrypointEndToEndTest {
    @RegisterExtension
    static final S3MockServer S3 = new S3MockServer();

    @TempDir
    Path work;

    @Test
    void eventsFromS3AreTrainedAndPublishedToS3() throws Exception {
        assumeTrue(bashAvailable(), "bash is not on the PATH: the entry point script cannot run here");
        Path shop = work.resolve("shop");
        ShopCsvWriter.write(SyntheticShop.generate(ShopConfig.defaults().withSize(5, 150, 300)), shop);
        List<String> events = Files.readAllLines(shop.resolve(ShopCsvWriter.EVENTS_FILE));
        int half = events.size() / 2;
        try (S3Client s3 = S3.newClient()) {
            S3.createBucket(s3, "e2e-events");
            S3.createBucket(s3, "e2e-models");
            // Two upload files under one prefix, as new behaviour data arrives.
            put(s3, "e2e-events", "events/part-0.csv", String.join("\n", events.subList(0, half)) + "\n");
            put(s3, "e2e-events", "events/part-1.csv",
                    events.get(0) + "\n" + String.join("\n", events.subList(half, events.size())) + "\n");
            put(s3, "e2e-events", "catalog/catalog.csv", Files.readString(shop.resolve(ShopCsvWriter.CATALOG_FILE)));

            EntrypointProcess.Result ok = EntrypointProcess.run(env("s3://e2e-events/events/", "e2e-1"), List.of(),
                    work, 600);
            assertEquals(0, ok.exitCode(), ok.output());
            assertEquals("assocrec-train: DONE published version e2e-1 to s3://e2e-models/prod", ok.lastEntrypointLine());
            assertTrue(ok.output().contains("--model-version e2e-1"), ok.output());
            assertTrue(ok.output().contains("assocrec: DONE publish"), ok.output());
            try (S3ModelStore store = new S3ModelStore(s3, S3Uri.parse("s3://e2e-models/prod"), false)) {
                assertEquals("e2e-1", store.currentVersion().orElseThrow());
                Manifest manifest = store.readManifest("e2e-1");
                assertEquals(150, manifest.itemCount());
                assertEquals(8, manifest.dimensions(), "ASSOCREC_HP_DIMS reached the CLI");
                assertEquals(events.size() - 1, manifest.data().at("/events/rows").asLong(), "both parts were merged");
            }
            String report = s3.getObjectAsBytes(b -> b.bucket("e2e-models").key("prod/reports/e2e-1/report.json"))
                    .asUtf8String();
            assertTrue(report.contains("\"itemknn\""), report);

            put(s3, "e2e-events", "bad/events.csv", "user_id,item_id,event_type,timestamp\nu1,a,wink,1764324000\n");
            EntrypointProcess.Result bad = EntrypointProcess.run(env("s3://e2e-events/bad/events.csv", "e2e-2"), List.of(),
                    work, 300);
            assertEquals(2, bad.exitCode(), bad.output());
            assertTrue(bad.output().contains("value 'wink': unknown event type"), bad.output());
            assertEquals("assocrec-train: FAILED step=train exit=2: the training CLI rejected its input (see the error above)",
                    bad.lastEntrypointLine());
            try (S3ModelStore store = new S3ModelStore(s3, S3Uri.parse("s3://e2e-models/prod"), false)) {
                assertEquals("e2e-1", store.currentVersion().orElseThrow(), "a failed run leaves the model serving");
                assertEquals(List.of("e2e-1"), store.listVersions());
            }
        }
    }

    private Map<String, String> env(String events, String version) {
        return Map.ofEntries(
                Map.entry("ASSOCREC_EVENTS", events),
                Map.entry("ASSOCREC_CATALOG", "s3://e2e-events/catalog/catalog.csv"),
                Map.entry("ASSOCREC_STORE", "s3://e2e-models/prod"),
                Map.entry("ASSOCREC_VERSION", version),
                Map.entry("ASSOCREC_WORK_DIR", work.resolve("work-" + version).toString()),
                Map.entry("ASSOCREC_HP_DIMS", "8"),
                Map.entry("ASSOCREC_HP_EPOCHS", "2"),
                Map.entry("ASSOCREC_HP_DEVICE", "cpu"),
                Map.entry("ASSOCREC_HP_MAX_BAD_FRACTION", "0"),
                Map.entry("AWS_ENDPOINT_URL_S3", S3.endpoint()),
                Map.entry("AWS_REGION", S3MockServer.REGION),
                Map.entry("AWS_ACCESS_KEY_ID", "test"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "test"));
    }

    private static void put(S3Client s3, String bucket, String key, String content) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    private static boolean bashAvailable() {
        try {
            return new ProcessBuilder("bash", "-c", "true").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
