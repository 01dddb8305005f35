package dev.assocrec.training.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.store.ModelStore;
import dev.assocrec.store.S3MockServer;
import dev.assocrec.store.S3ModelStore;
import dev.assocrec.store.S3Uri;
import dev.assocrec.training.demo.ShopConfig;
import dev.assocrec.training.demo.ShopCsvWriter;
import dev.assocrec.training.demo.SyntheticShop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The container's entry point run as a process, the way AWS Batch runs it, against S3Mock: event
 * files under an S3 prefix in, a trained and published model version out, and a failed run that
 * leaves the current version in place with exit code 2, a worse model held by the quality gate (exit 3),
 * and a pinned store that keeps its current version (exit 0).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerEndToEndTest {
    @RegisterExtension
    static final S3MockServer S3 = new S3MockServer();
    private static final String BUCKET = "shop-e2e";
    private static final String STORE = "s3://" + BUCKET;
    /** A deliberately worse candidate: one epoch at a step size too small to learn anything. */
    private static final Map<String, String> WORSE = Map.of("ASSOCREC_HP_EPOCHS", "1", "ASSOCREC_HP_LR", "0.00001");

    @TempDir
    static Path dir;
    private static S3Client s3;

    @BeforeAll
    static void uploadAShopInTwoDailyFiles() throws Exception {
        s3 = S3.newClient();
        S3.createBucket(s3, BUCKET);
        Path shop = dir.resolve("shop");
        ShopCsvWriter.write(SyntheticShop.generate(ShopConfig.defaults().withSize(5, 200, 500)), shop);
        List<String> events = Files.readAllLines(shop.resolve(ShopCsvWriter.EVENTS_FILE));
        int half = events.size() / 2;
        put("events/2026-11-27/part-0.csv", lines(events.get(0), events.subList(1, half)));
        put("events/2026-11-28/part-0.csv", lines(events.get(0), events.subList(half, events.size())));
        put("catalog/catalog.csv", Files.readString(shop.resolve(ShopCsvWriter.CATALOG_FILE)));

        put("events-bad/2026-11-27/part-0.csv", lines(events.get(0), events.subList(1, half)));
        put("events-bad/2026-11-28/part-0.csv", lines("user_id,item_id,event_type,timestamp",
                List.of("u1,i1,view,2026-11-28T10:00:00Z", "u1,i2,wink,2026-11-28T10:00:05Z")));
    }

    @Test
    @Order(1)
    void eventsUnderAnS3PrefixBecomeAPublishedVersion() throws Exception {
        var result = runEntrypoint("s3://" + BUCKET + "/events/", "v1", Map.of("ASSOCREC_EVENTS_WINDOW_DAYS", "90"));

        assertEquals(0, result.exitCode(), result.output());
        List<String> steps = result.entrypointLines().stream().filter(l -> l.contains(" STEP ")).toList();
        assertEquals(List.of("assocrec-train: STEP configure", "assocrec-train: STEP engine",
                "assocrec-train: STEP inputs", "assocrec-train: STEP train"), steps);
        assertEquals("assocrec-train: DONE published version v1 to " + STORE, result.lastEntrypointLine());
        assertTrue(result.output().contains("events: 2 file(s) under s3://shop-e2e/events/"), result.output());
        assertTrue(result.output().contains("modified in the last 90 days"), "the window reached the input step");
        assertTrue(result.output().contains("assocrec: DONE publish"), result.output());

        try (ModelStore store = store()) {
            assertEquals("v1", store.currentVersion().orElseThrow());
            assertEquals(200, store.readManifest("v1").itemCount());
            assertEquals(16, store.readManifest("v1").dimensions(), "ASSOCREC_HP_DIMS reached the CLI");
        }
        assertTrue(s3.headObject(r -> r.bucket(BUCKET).key("reports/v1/report.json")).contentLength() > 0);
    }

    @Test
    @Order(2)
    void aBadEventFileFailsWithExit2AndTheCurrentVersionKeepsServing() throws Exception {
        var result = runEntrypoint("s3://" + BUCKET + "/events-bad/", "v2", Map.of("ASSOCREC_HP_MAX_BAD_FRACTION", "0"));

        assertEquals(2, result.exitCode(), result.output());
        assertEquals("assocrec-train: FAILED step=train exit=2: the training CLI rejected its input (see the error above)",
                result.lastEntrypointLine());
        // The CLI names the merged file's line; the inputs step's line ranges lead back to the uploaded file.
        Matcher error = Pattern.compile("events\\.csv line (\\d+), column event_type, value 'wink': unknown event type")
                .matcher(result.output());
        assertTrue(error.find(), result.output());
        long badLine = Long.parseLong(error.group(1));
        Matcher span = Pattern.compile("events: part-0\\.csv -> events\\.csv lines (\\d+)-(\\d+)").matcher(result.output());
        List<long[]> spans = new ArrayList<>();
        while (span.find()) {
            spans.add(new long[] {Long.parseLong(span.group(1)), Long.parseLong(span.group(2))});
        }
        assertEquals(2, spans.size(), result.output());
        long[] second = spans.get(1);
        assertEquals(List.of(second[0] + 1, second[1]), List.of(badLine, badLine), "the bad row is the second file's second row");

        try (ModelStore store = store()) {
            assertEquals("v1", store.currentVersion().orElseThrow());
            assertEquals(List.of("v1"), store.listVersions());
        }
    }

    @Test
    @Order(3)
    void aWorseModelFailsTheGateWithExit3AndIsStoredBesideTheServingOne() throws Exception {
        var result = runEntrypoint("s3://" + BUCKET + "/events/", "v3", WORSE);

        assertEquals(3, result.exitCode(), result.output());
        assertTrue(result.lastEntrypointLine().matches("assocrec-train: FAILED step=gate exit=3: candidate not published: "
                + "candidate v3 NDCG@20 [0-9.]+ < serving v1 [0-9.]+ x \\(1 - 0.02\\) = [0-9.]+ and [<>=]+ popularity "
                + "[0-9.]+; the previous model keeps serving"), result.lastEntrypointLine());
        try (ModelStore store = store()) {
            assertEquals("v1", store.currentVersion().orElseThrow());
            assertEquals(List.of("v1", "v3"), store.listVersions());
        }
    }

    @Test
    @Order(4)
    void aPinnedStoreKeepsCurrentAndTheRunEndsWell() throws Exception {
        try (ModelStore store = store()) {
            store.pinCurrent("v1", "rollback by test");
        }
        var result = runEntrypoint("s3://" + BUCKET + "/events/", "v4", WORSE);

        assertEquals(0, result.exitCode(), result.output());
        assertEquals("assocrec-train: DONE stored version v4 in " + STORE + "; current is pinned to v1 (rollback by test, "
                + pinnedAt() + "); 'assocrec unpin --store " + STORE + "/' releases it", result.lastEntrypointLine());
        try (ModelStore store = store()) {
            assertEquals("v1", store.currentVersion().orElseThrow());
            assertEquals(List.of("v1", "v3", "v4"), store.listVersions());
        }
    }

    @Test
    @Order(5)
    void aCandidateHeldOnAnEmptyStoreSaysNoModelIsServingYet() throws Exception {
        String empty = "s3://" + BUCKET + "/empty-store";
        Map<String, String> env = new HashMap<>(WORSE);
        env.put("ASSOCREC_STORE", empty);
        var result = runEntrypoint("s3://" + BUCKET + "/events/", "e1", env);

        assertEquals(3, result.exitCode(), result.output());
        assertTrue(result.lastEntrypointLine().matches("assocrec-train: FAILED step=gate exit=3: candidate not published: "
                + "candidate e1 NDCG@20 [0-9.]+ <= popularity [0-9.]+ \\(no serving version to compare with\\); "
                + "no model is serving yet"), result.lastEntrypointLine());
    }

    private static String pinnedAt() throws Exception {
        try (ModelStore store = store()) {
            return store.pin().orElseThrow().pinnedAt().toString();
        }
    }

    private static EntrypointProcess.Result runEntrypoint(String events, String version) throws Exception {
        return runEntrypoint(events, version, Map.of());
    }

    private static EntrypointProcess.Result runEntrypoint(String events, String version, Map<String, String> extra)
            throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "ASSOCREC_EVENTS", events,
                "ASSOCREC_CATALOG", "s3://" + BUCKET + "/catalog/catalog.csv",
                "ASSOCREC_STORE", STORE,
                "ASSOCREC_VERSION", version,
                "ASSOCREC_HP_EPOCHS", "3",
                "ASSOCREC_HP_DIMS", "16",
                "ASSOCREC_HP_DEVICE", "cpu",
                "AWS_ENDPOINT_URL_S3", S3.endpoint(),
                "AWS_REGION", S3MockServer.REGION));
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("ASSOCREC_WORK_DIR", Files.createTempDirectory(dir, "work-").toString());
        env.putAll(extra);
        return EntrypointProcess.run(env, List.of(), Files.createTempDirectory(dir, "cwd-"), 600);
    }

    private static ModelStore store() {
        return new S3ModelStore(S3.newClient(), S3Uri.parse(STORE), true);
    }

    private static void put(String key, String content) {
        s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(content));
    }

    private static String lines(String header, List<String> rows) {
        return header + "\n" + String.join("\n", rows) + "\n";
    }
}
