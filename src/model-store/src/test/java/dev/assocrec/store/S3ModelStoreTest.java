package dev.assocrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ArtifactLayout;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 store against a real S3 implementation (S3Mock over HTTP), under a key prefix. */
class S3ModelStoreTest extends ModelStoreBehaviourTest {
    @RegisterExtension
    static final S3MockServer S3 = new S3MockServer();

    private static final String PREFIX = "team/recs";

    private S3Client client;
    private String bucket;

    @BeforeEach
    void freshBucket() {
        client = S3.newClient();
        bucket = S3.createBucket(client, "models-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private S3Uri root() {
        return S3Uri.parse("s3://" + bucket + "/" + PREFIX);
    }

    @Override
    ModelStore store() {
        return new S3ModelStore(client, root(), false);
    }

    @Override
    ModelStore storeWithFault(int nthPut, UploadFault fault) {
        return new S3ModelStore(new FaultInjectingS3Client(client, nthPut, fault), root(), false);
    }

    @Override
    void overwriteStored(String key, byte[] content) {
        client.putObject(PutObjectRequest.builder().bucket(bucket).key(PREFIX + "/" + key).build(),
                RequestBody.fromBytes(content));
    }

    @Test
    void objectsLiveUnderThePrefixInTheContractLayout() throws IOException {
        try (ModelStore store = store()) {
            store.publish(TestVersions.write(work, "v1", 1));
        }
        List<String> keys = client.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).build())
                .contents().stream().map(S3Object::key).sorted().toList();
        List<String> expected = new java.util.ArrayList<>();
        expected.add(PREFIX + "/" + ArtifactLayout.CURRENT_POINTER);
        for (String f : ArtifactLayout.VERSION_FILES) {
            expected.add(PREFIX + "/" + ArtifactLayout.versionKey("v1", f));
        }
        assertEquals(expected.stream().sorted().toList(), keys);
    }

    @Test
    void s3LocationOpensAnS3StoreOnTheConfiguredEndpoint() throws IOException {
        System.setProperty("assocrec.s3.endpoint", S3.endpoint());
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        try (ModelStore store = ModelStores.open(root().toString())) {
            assertInstanceOf(S3ModelStore.class, store);
            store.publish(TestVersions.write(work, "v1", 1));
            assertEquals(Optional.of("v1"), store.currentVersion());
            assertTrue(store.location().startsWith("s3://" + bucket + "/" + PREFIX), store.location());
        } finally {
            System.clearProperty("assocrec.s3.endpoint");
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
