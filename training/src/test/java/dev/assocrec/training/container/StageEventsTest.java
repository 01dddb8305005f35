package dev.assocrec.training.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.store.S3MockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The container's input step against S3Mock: a prefix of many event files becomes one file. */
class StageEventsTest {
    @RegisterExtension
    static final S3MockServer S3 = new S3MockServer();
    private static S3Client s3;

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeAll
    static void pointAtS3Mock() {
        s3 = S3.newClient();
        // S3Clients (used by the code under test) reads these; they only ever point at the local S3Mock.
        System.setProperty("assocrec.s3.endpoint", S3.endpoint());
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterAll
    static void clearS3() {
        System.clearProperty("assocrec.s3.endpoint");
        s3.close();
    }

    @Test
    void prefixOfManyFilesIsMergedByColumnNameInKeyOrder() throws Exception {
        s3.createBucket(r -> r.bucket("shop-a"));
        put("shop-a", "events/2026-11-27/part-0.csv",
                "user_id,item_id,event_type,timestamp\nu1,i1,view,2026-11-27T10:00:00Z\nu1,i2,purchase,2026-11-27T10:05:00Z\n");
        put("shop-a", "events/2026-11-28/part-0.csv",
                "timestamp,event_type,item_id,user_id,quantity\n1764324000,cart,i3,u2,2\n");
        put("shop-a", "events/2026-11-28/", "");
        put("shop-a", "events/README.txt", "not events");
        put("shop-a", "catalog/catalog.csv", "item_id\ni1\n");

        assertEquals(StageEvents.OK, run("s3://shop-a/events/"), log());
        Path merged = Path.of(lastLine(out));
        assertEquals(work.resolve("inputs/events.csv"), merged);
        List<String> lines = Files.readAllLines(merged);
        assertEquals(List.of(
                "user_id,item_id,event_type,timestamp,quantity",
                "u1,i1,view,2026-11-27T10:00:00Z,",
                "u1,i2,purchase,2026-11-27T10:05:00Z,",
                "u2,i3,cart,1764324000,2"), lines);
        assertTrue(log().contains("events: 2 file(s) under s3://shop-a/events/"), log());
        assertTrue(log().contains("events: part-0.csv -> events.csv lines 2-3"), log());
        assertTrue(log().contains("events: part-0.csv -> events.csv lines 4-4"), log());
    }

    @Test
    void oneFileUnderThePrefixIsUsedAsItIs() throws Exception {
        s3.createBucket(r -> r.bucket("shop-b"));
        String content = "user_id,item_id,event_type,timestamp\nu1,i1,view,1764324000\n";
        put("shop-b", "events/only.csv", content);
        assertEquals(StageEvents.OK, run("s3://shop-b/events/"), log());
        assertEquals(content, Files.readString(Path.of(lastLine(out))));
    }

    @Test
    void aSingleFileLocationPassesThroughUntouched() {
        assertEquals(StageEvents.OK, run("s3://shop-c/events/2026-11-28.csv"), log());
        assertEquals("s3://shop-c/events/2026-11-28.csv", lastLine(out));
    }

    @Test
    void aPrefixWithoutEventFilesIsBadInput() {
        s3.createBucket(r -> r.bucket("shop-d"));
        put("shop-d", "events/notes.txt", "nothing to train on");
        assertEquals(StageEvents.BAD_INPUT, run("s3://shop-d/events/"), log());
        assertTrue(log().contains("error: s3://shop-d/events/: no event files (.csv, .csv.gz, .parquet) under this prefix"), log());
    }

    @Test
    void mixedCsvAndParquetIsBadInput() throws Exception {
        Path dir = Files.createDirectories(work.resolve("local-events"));
        Files.writeString(dir.resolve("a.csv"), "user_id,item_id,event_type,timestamp\nu1,i1,view,1764324000\n");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            sql.execute("COPY (SELECT 'u2' AS user_id, 'i2' AS item_id, 'cart' AS event_type, 1764324000 AS timestamp) TO '"
                    + dir.resolve("b.parquet") + "' (FORMAT parquet)");
        }
        assertEquals(StageEvents.BAD_INPUT, run(dir.toString()), log());
        assertTrue(log().contains("event files mix CSV and Parquet (1 of 2 are Parquet): a.csv, b.parquet"), log());
    }

    @Test
    void localDirectoryOfParquetFilesIsMergedToParquet() throws Exception {
        Path dir = Files.createDirectories(work.resolve("parquet-events"));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            sql.execute("COPY (SELECT 'u1' AS user_id, 'i1' AS item_id, 'view' AS event_type) TO '"
                    + dir.resolve("a.parquet") + "' (FORMAT parquet)");
            sql.execute("COPY (SELECT 'cart' AS event_type, 'u2' AS user_id, 'i2' AS item_id) TO '"
                    + dir.resolve("b.parquet") + "' (FORMAT parquet)");
        }
        assertEquals(StageEvents.OK, run(dir.toString()), log());
        Path merged = Path.of(lastLine(out));
        assertEquals("events.parquet", merged.getFileName().toString());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement();
             var rows = sql.executeQuery("SELECT string_agg(user_id || ':' || event_type, ',') FROM read_parquet('" + merged + "')")) {
            rows.next();
            assertEquals("u1:view,u2:cart", rows.getString(1));
        }
    }

    @Test
    void anUnreachableStoreIsAFailureNotBadInput() {
        String reachable = System.getProperty("assocrec.s3.endpoint");
        System.setProperty("assocrec.s3.endpoint", "http://127.0.0.1:9");
        try {
            assertEquals(StageEvents.FAILED, run("s3://shop-e/events/"), log());
            assertTrue(log().startsWith("error: staging events from s3://shop-e/events/ failed:"), log());
        } finally {
            System.setProperty("assocrec.s3.endpoint", reachable);
        }
    }

    @Test
    void aWindowTakesOnlyLocalFilesModifiedInTheLastNDays() throws Exception {
        Instant now = Instant.parse("2026-12-02T02:00:00Z");
        Path dir = Files.createDirectories(work.resolve("windowed"));
        String header = "user_id,item_id,event_type,timestamp\n";
        Path recent = write(dir.resolve("2026-11-25.csv"), header + "u1,i1,view,1764324000\n", now.minus(Duration.ofDays(7)));
        Path old = write(dir.resolve("2026-08-01.csv"), header + "u2,i2,view,1754000000\n", now.minus(Duration.ofDays(123)));
        Path edge = write(dir.resolve("2026-11-02.csv"), header + "u3,i3,cart,1762000000\n", now.minus(Duration.ofDays(30)));

        assertEquals(StageEvents.OK, run(dir.toString(), "30", now), log());
        assertEquals(List.of("user_id,item_id,event_type,timestamp", "u3,i3,cart,1762000000", "u1,i1,view,1764324000"),
                Files.readAllLines(Path.of(lastLine(out))), "a file exactly N days old is still inside the window");
        assertTrue(log().contains(String.format(Locale.ROOT, "events: 2 file(s) under %s, %,d bytes, modified in the last "
                + "30 days (since 2026-11-02T02:00:00Z); skipped as older: 1 file(s), %,d bytes", dir,
                Files.size(recent) + Files.size(edge), Files.size(old))), log());
    }

    @Test
    void zeroOrUnsetTakesEveryFile() throws Exception {
        Instant now = Instant.parse("2026-12-02T02:00:00Z");
        Path dir = Files.createDirectories(work.resolve("all"));
        write(dir.resolve("a.csv"), "user_id,item_id,event_type\nu1,i1,view\n", now.minus(Duration.ofDays(400)));
        write(dir.resolve("b.csv"), "user_id,item_id,event_type\nu2,i2,view\n", now.minus(Duration.ofDays(1)));
        assertEquals(StageEvents.OK, run(dir.toString(), "0", now), log());
        assertEquals(3, Files.readAllLines(Path.of(lastLine(out))).size());
        assertTrue(log().contains("events: 2 file(s) under " + dir + ", 76 bytes, no window (ASSOCREC_EVENTS_WINDOW_DAYS "
                + "unset or 0)\n"), log());
    }

    @Test
    void noFileInTheWindowIsBadInputNamingTheWindow() throws Exception {
        Instant now = Instant.parse("2026-12-02T02:00:00Z");
        Path dir = Files.createDirectories(work.resolve("stale"));
        write(dir.resolve("a.csv"), "user_id,item_id,event_type\nu1,i1,view\n", now.minus(Duration.ofDays(8)));
        assertEquals(StageEvents.BAD_INPUT, run(dir.toString(), "7", now), log());
        assertEquals("error: " + dir + ": no event files modified in the last 7 days (since 2026-11-25T02:00:00Z; "
                + "ASSOCREC_EVENTS_WINDOW_DAYS=7); 1 older file(s), 38 bytes skipped", log().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-3", "1.5", "99999999999"})
    void aBadWindowValueIsOneLineOfBadInput(String value) {
        assertEquals(StageEvents.BAD_INPUT, run("s3://shop-w/events/", value, Instant.now()), log());
        assertEquals("error: ASSOCREC_EVENTS_WINDOW_DAYS '" + value + "': not a whole number of days >= 0 (0 or unset "
                + "takes every event file)", log().strip());
    }

    @Test
    void theWindowUsesS3LastModifiedAndIncludesItsBoundary() {
        s3.createBucket(r -> r.bucket("shop-w"));
        put("shop-w", "events/part-0.csv", "user_id,item_id,event_type\nu1,i1,view\n");
        Instant lastModified = s3.listObjectsV2(r -> r.bucket("shop-w").prefix("events/")).contents().get(0).lastModified();
        Instant windowEndsAtTheBoundary = lastModified.plus(Duration.ofDays(3));

        assertEquals(StageEvents.OK, run("s3://shop-w/events/", "3", windowEndsAtTheBoundary), log());
        assertTrue(log().contains("events: 1 file(s) under s3://shop-w/events/, 38 bytes, modified in the last 3 days"),
                log());

        log.reset();
        assertEquals(StageEvents.BAD_INPUT, run("s3://shop-w/events/", "3", windowEndsAtTheBoundary.plusMillis(1)), log());
        assertTrue(log().startsWith("error: s3://shop-w/events/: no event files modified in the last 3 days"), log());
        assertTrue(log().strip().endsWith("1 older file(s), 38 bytes skipped"), log());
    }

    private static Path write(Path file, String content, Instant modified) throws Exception {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static void put(String bucket, String key, String content) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    private int run(String location) {
        return run(location, null, Instant.now());
    }

    private int run(String location, String windowDays, Instant now) {
        return StageEvents.run(location, work.resolve("inputs"), windowDays, now, print(out), print(log));
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private static String lastLine(ByteArrayOutputStream buffer) {
        List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
