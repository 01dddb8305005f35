package dev.assocrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

class InputLocationsTest {
    @RegisterExtension
    static final S3MockServer S3 = new S3MockServer();

    @TempDir
    Path tmp;

    @Test
    void s3ObjectIsDownloadedKeepingItsFileName() throws IOException {
        String csv = "user_id,item_id,event\nu1,i1,view\nu1,i2,purchase\n";
        try (S3Client s3 = S3.newClient()) {
            String bucket = S3.createBucket(s3, "inputs-a");
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key("shop/2026/events.csv").build(),
                    RequestBody.fromString(csv));

            Path local = InputLocations.localize("s3://" + bucket + "/shop/2026/events.csv", tmp, s3);
            assertEquals("events.csv", local.getFileName().toString());
            assertTrue(local.startsWith(tmp), local.toString());
            assertEquals(csv, Files.readString(local, StandardCharsets.UTF_8));

            Path again = InputLocations.localize("s3://" + bucket + "/shop/2026/events.csv", tmp, s3);
            assertTrue(!again.equals(local), "each call gets its own copy");
        }
    }

    @Test
    void missingObjectAndFolderUrisGiveClearErrors() {
        try (S3Client s3 = S3.newClient()) {
            String bucket = S3.createBucket(s3, "inputs-b");
            NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                    () -> InputLocations.localize("s3://" + bucket + "/nope.csv", tmp, s3));
            assertTrue(missing.getMessage().contains("s3://" + bucket + "/nope.csv"), missing.getMessage());
            assertThrows(IllegalArgumentException.class, () -> InputLocations.localize("s3://" + bucket + "/dir/", tmp, s3));
        }
    }

    @Test
    void localPathsAreUsedInPlace() throws IOException {
        Path file = Files.writeString(tmp.resolve("catalog.csv"), "item_id\ni1\n");
        assertEquals(file, InputLocations.localize(file.toString(), tmp));
        assertThrows(NoSuchFileException.class, () -> InputLocations.localize(tmp.resolve("absent.csv").toString(), tmp));
    }
}
