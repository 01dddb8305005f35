package dev.assocrec.functions.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.functions.ServingConfig;
import dev.assocrec.functions.testing.FlakyReadsS3Client;
import dev.assocrec.functions.testing.ServingConfigs;
import dev.assocrec.functions.testing.TestModels;
import dev.assocrec.store.S3MockServer;
import dev.assocrec.store.S3ModelStore;
import dev.assocrec.store.S3Uri;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
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
 */
class ModelManagerRetryTest {
    private static final Duration INTERVAL = Duration.ofMillis(150);

    static {
        // S3ModelTest's S3Mock (in Quarkus's class loader) already set the JVM-wide URL handler factory
        // that Tomcat installs; a second embedded Tomcat must not try again ("factory already defined").
        TomcatURLStreamHandlerFactory.disable();
    }

    @RegisterExtension
    static final S3MockServer S3 = new S3MockServer();

    @TempDir
    Path cache;

    private final S3Client publisherClient = S3.newClient();
    private final S3Uri root = S3Uri.parse("s3://" + S3.createBucket(publisherClient, "retry-" + UUID.randomUUID()) + "/store/");
    private final S3ModelStore publisher = new S3ModelStore(publisherClient, root, true);

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
        ModelManager manager = startedManager(flaky, Duration.ofSeconds(10));
        assertEquals("v1", manager.currentVersion());

        flaky.failNextReads(2);
        TestModels.publish(publisher, "v2", 2);
        long before = System.currentTimeMillis();
        manager.checkNow();
        RefusedVersion first = manager.refused();
        assertEquals("v1", manager.currentVersion(), "the old model keeps serving");
        assertEquals("v2", first.version());
        assertEquals(1, first.failures());
        assertFalse(first.invalidContent(), first.reason());
        assertTrue(first.reason().contains("injected: read timed out"), first.reason());
        assertTrue(first.retryAtMillis() >= before + 2 * INTERVAL.toMillis()
                && first.retryAtMillis() <= System.currentTimeMillis() + 2 * INTERVAL.toMillis(), "retry after 2 x interval");

        int reads = flaky.reads();
        manager.checkNow();
        assertEquals(reads, flaky.reads(), "not tried again before its time");

        sleepUntil(first.retryAtMillis());
        long second = System.currentTimeMillis();
        manager.checkNow();
        assertEquals(2, manager.refused().failures(), "the second read fails too");
        assertTrue(manager.refused().retryAtMillis() >= second + 4 * INTERVAL.toMillis(), "the wait doubles");
        assertEquals("v1", manager.currentVersion());

        sleepUntil(manager.refused().retryAtMillis());
        manager.checkNow();
        assertEquals("v2", manager.currentVersion(), "the third attempt reads cleanly and is served");
        assertNull(manager.refused());
    }

    @Test
    void aVersionWithWrongContentIsNotRetriedUntilThePointerMoves() throws Exception {
        TestModels.publish(publisher, "v1", 1);
        FlakyReadsS3Client counting = new FlakyReadsS3Client(S3.newClient(), "/models/v3/");
        Duration maxRetryDelay = Duration.ofMillis(400);
        ModelManager manager = startedManager(counting, maxRetryDelay);

        TestModels.publish(publisher, "v3", 3);
        corruptStoredFile("v3", ArtifactLayout.TARGET_TABLE);
        manager.checkNow();
        RefusedVersion refused = manager.refused();
        assertTrue(refused.invalidContent(), refused.reason());
        assertTrue(refused.reason().contains("checksum mismatch"), refused.reason());
        assertEquals("v1", manager.currentVersion());

        int reads = counting.reads();
        Thread.sleep(maxRetryDelay.toMillis() + 2 * INTERVAL.toMillis());
        manager.checkNow();
        assertEquals(reads, counting.reads(), "a corrupt version is not downloaded again");
        assertEquals("v1", manager.currentVersion());

        TestModels.publish(publisher, "v4", 4);
        manager.checkNow();
        assertEquals("v4", manager.currentVersion());
        assertNull(manager.refused());
    }

    private ModelManager startedManager(S3Client client, Duration maxRetryDelay) {
        ModelManager manager = new ModelManager(modelConfig(maxRetryDelay), ServingConfigs.javaScoring());
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

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait + 5);
        }
    }

    private ServingConfig.Model modelConfig(Duration maxRetryDelay) {
        return ServingConfigs.model("s3://" + root.bucket() + "/" + root.prefix(), INTERVAL, cache, maxRetryDelay);
    }
}
