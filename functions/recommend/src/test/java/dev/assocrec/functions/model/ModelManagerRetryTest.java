package dev.assocrec.functions.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.functions.ServingConfig;
import dev.assocrec.functions.testing.FlakyReadsS3Client;
import dev.assocrec.functions.testing.MutableClock;
import dev.assocrec.functions.testing.ServingConfigs;
import dev.assocrec.functions.testing.TestModels;
import dev.assocrec.store.S3MockServer;
import dev.assocrec.store.S3ModelStore;
import dev.assocrec.store.S3Uri;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A version that fails to load is retried with backoff when the failure may pass (reads from S3 time
 * out), and left alone until the pointer moves when its content is wrong; the old model serves meanwhile.
 * The manager's wall clock is the test's ({@link MutableClock}): every wait is an exact step of that
 * clock, so a retry that comes a millisecond early or late fails the test, and nothing sleeps.
 *
 * <p>In a JVM of its own ({@code own-jvm}): S3Mock's embedded Tomcat sets the JVM-wide URL handler
 * factory, which a second Tomcat in another class loader (S3ModelTest's, in Quarkus's) cannot set again.
 */
@Tag("own-jvm")
class ModelManagerRetryTest {
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    @RegisterExtension
    static final S3MockServer S3 = new S3MockServer();

    @TempDir
    Path cache;

    private final S3Client publisherClient = S3.newClient();
    private final S3Uri root = S3Uri.parse("s3://" + S3.createBucket(publisherClient, "retry-" + UUID.randomUUID()) + "/store/");
    private final S3ModelStore publisher = new S3ModelStore(publisherClient, root, true);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

    @Test
    void retryDelaysDoubleFromTwiceTheIntervalUpToTheCap() {
        Duration max = Duration.ofMinutes(10);
        assertEquals(Duration.ofSeconds(60), RefusedVersion.retryDelay(1, Duration.ofSeconds(30), max));
        assertEquals(Duration.ofSeconds(120), RefusedVersion.retryDelay(2, Duration.ofSeconds(30), max));
        assertEquals(Duration.ofSeconds(480), RefusedVersion.retryDelay(4, Duration.ofSeconds(30), max));
        assertEquals(max, RefusedVersion.retryDelay(5, Duration.ofSeconds(30), max));
        assertEquals(max, RefusedVersion.retryDelay(1000, Duration.ofSeconds(30), max));
    }

    @Test
    void transientReadFailuresAreRetriedWithBackoffUntilTheVersionLoads() throws Exception {
        TestModels.publish(publisher, "v1", 1);
        FlakyReadsS3Client flaky = new FlakyReadsS3Client(S3.newClient(), "/models/v2/");
        ModelManager manager = startedManager(flaky, Duration.ofMinutes(10));
        assertEquals("v1", manager.currentVersion());

        flaky.failNextReads(2);
        TestModels.publish(publisher, "v2", 2);
        long failedAt = clock.millis();
        manager.checkNow();
        RefusedVersion first = manager.refused();
        assertEquals("v1", manager.currentVersion(), "the old model keeps serving");
        assertEquals("v2", first.version());
        assertEquals(1, first.failures());
        assertFalse(first.invalidContent(), first.reason());
        assertTrue(first.reason().contains("injected: read timed out"), first.reason());
        assertEquals(failedAt + 2 * INTERVAL.toMillis(), first.retryAtMillis(), "retry after 2 x interval");

        int reads = flaky.reads();
        clock.advanceTo(first.retryAtMillis() - 1);
        manager.checkNow();
        assertEquals(reads, flaky.reads(), "not tried again before its time");
        assertEquals(1, manager.refused().failures());

        clock.advanceTo(first.retryAtMillis());
        manager.checkNow();
        assertTrue(flaky.reads() > reads, "tried again when due");
        assertEquals(2, manager.refused().failures(), "the second read fails too");
        assertEquals(first.retryAtMillis() + 4 * INTERVAL.toMillis(), manager.refused().retryAtMillis(), "the wait doubles");
        assertEquals("v1", manager.currentVersion());

        reads = flaky.reads();
        clock.advanceTo(manager.refused().retryAtMillis() - 1);
        manager.checkNow();
        assertEquals(reads, flaky.reads(), "not tried again before the doubled wait is over");

        clock.advance(Duration.ofMillis(1));
        manager.checkNow();
        assertEquals("v2", manager.currentVersion(), "the third attempt reads cleanly and is served");
        assertNull(manager.refused());
    }

    @Test
    void aVersionWithWrongContentIsNotRetriedUntilThePointerMoves() throws Exception {
        TestModels.publish(publisher, "v1", 1);
        FlakyReadsS3Client counting = new FlakyReadsS3Client(S3.newClient(), "/models/v3/");
        Duration maxRetryDelay = Duration.ofMinutes(10);
        ModelManager manager = startedManager(counting, maxRetryDelay);

        TestModels.publish(publisher, "v3", 3);
        corruptStoredFile("v3", ArtifactLayout.TARGET_TABLE);
        manager.checkNow();
        RefusedVersion refused = manager.refused();
        assertTrue(refused.invalidContent(), refused.reason());
        assertTrue(refused.reason().contains("checksum mismatch"), refused.reason());
        assertEquals("v1", manager.currentVersion());

        int reads = counting.reads();
        assertTrue(reads > 0, "the corrupt version was downloaded once");
        clock.advance(maxRetryDelay.multipliedBy(100));
        manager.checkNow();
        assertEquals(reads, counting.reads(), "a corrupt version is not downloaded again, however long the wait");
        assertEquals("v1", manager.currentVersion());

        TestModels.publish(publisher, "v4", 4);
        manager.checkNow();
        assertEquals("v4", manager.currentVersion());
        assertNull(manager.refused());
    }

    private ModelManager startedManager(S3Client client, Duration maxRetryDelay) {
        ModelManager manager = new ModelManager(modelConfig(maxRetryDelay), ServingConfigs.javaScoring(), clock);
        S3ModelStore serving = new S3ModelStore(client, root, true);
        manager.start(serving, new VersionFetcher(serving, cache), null);
        return manager;
    }

    private void corruptStoredFile(String version, String file) {
        String key = root.prefix() + ArtifactLayout.versionKey(version, file);
        byte[] bytes = publisherClient.getObject(GetObjectRequest.builder().bucket(root.bucket()).key(key).build(),
                ResponseTransformer.toBytes()).asByteArray();
        bytes[bytes.length / 2] ^= 0x5A;
        publisherClient.putObject(PutObjectRequest.builder().bucket(root.bucket()).key(key).build(), RequestBody.fromBytes(bytes));
    }

    private ServingConfig.Model modelConfig(Duration maxRetryDelay) {
        return ServingConfigs.model("s3://" + root.bucket() + "/" + root.prefix(), INTERVAL, cache, maxRetryDelay);
    }
}
