package dev.assocrec.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.ManifestJson;
import dev.assocrec.contract.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every model store must do, run against each real store by a subclass. Fault tests break one
 * upload of a second publish and check that serving would still get the first version, intact.
 */
abstract class ModelStoreBehaviourTest {
    /** Version files other than the manifest, uploaded first: model.onnx, the two tables, items.csv. */
    private static final int DATA_FILES = 4;

    @TempDir
    Path work;

    /** A store over this test's (fresh, empty) root. */
    abstract ModelStore store();

    /** A store over the same root whose {@code nthPut}-th upload (pointer included) goes wrong. */
    abstract ModelStore storeWithFault(int nthPut, UploadFault fault);

    /** Replaces a stored object behind the store's back (a damaged or tampered copy). */
    abstract void overwriteStored(String key, byte[] content) throws IOException;

    @Test
    void emptyStoreHasNoCurrentAndNoVersions() throws IOException {
        try (ModelStore store = store()) {
            assertEquals(Optional.empty(), store.current());
            assertEquals(List.of(), store.listVersions());
            assertThrows(NoSuchFileException.class, () -> store.readManifest("v1"));
        }
    }

    @Test
    void publishedVersionIsCurrentListedReadableAndDownloadsVerified() throws IOException {
        Path v1 = TestVersions.write(work.resolve("out"), "v1", 1);
        try (ModelStore store = store()) {
            assertEquals(DATA_FILES, ArtifactLayout.CHECKSUMMED_FILES.size(), "fault tests count uploads");
            var manifest = store.publish(v1);
            assertEquals("v1", manifest.version());
            assertEquals(Optional.of("v1"), store.currentVersion());
            assertEquals(List.of("v1"), store.listVersions());
            assertEquals(ManifestJson.read(v1.resolve(ArtifactLayout.MANIFEST)), store.readManifest("v1"));
            try (InputStream in = store.openFile("v1", ArtifactLayout.TARGET_TABLE)) {
                assertArrayEquals(Files.readAllBytes(v1.resolve(ArtifactLayout.TARGET_TABLE)), in.readAllBytes());
            }

            Path dest = work.resolve("serving/v1");
            ModelVersion downloaded = store.download("v1", dest);
            assertEquals(dest, downloaded.dir());
            assertEquals(TestVersions.ITEMS, downloaded.catalog().size());
            for (String name : ArtifactLayout.VERSION_FILES) {
                assertArrayEquals(Files.readAllBytes(v1.resolve(name)), Files.readAllBytes(dest.resolve(name)), name);
            }
            assertEquals(List.of(dest), listDir(dest.getParent()), "no staging folder is left beside the download");
            assertThrows(IOException.class, () -> store.download("v1", dest), "an existing target is never overwritten");
        }
    }

    @Test
    void rollbackPointsBackAtAStoredVersionOnly() throws IOException {
        try (ModelStore store = store()) {
            store.publish(TestVersions.write(work, "v1", 1));
            store.publish(TestVersions.write(work, "v2", 2));
            assertEquals(Optional.of("v2"), store.currentVersion());
            assertEquals(List.of("v1", "v2"), store.listVersions());

            store.setCurrent("v1");
            assertEquals(Optional.of("v1"), store.currentVersion());

            assertThrows(NoSuchFileException.class, () -> store.setCurrent("v3"));
            assertEquals(Optional.of("v1"), store.currentVersion());
        }
    }

    @ParameterizedTest(name = "upload #{0} fails")
    @ValueSource(ints = {1, 3, DATA_FILES, DATA_FILES + 1})
    void interruptedUploadLeavesCurrentUnchangedAndRetrySucceeds(int failingPut) throws IOException {
        Path v2 = publishV1AndWriteV2();
        try (ModelStore faulty = storeWithFault(failingPut, UploadFault.FAIL)) {
            IOException e = assertThrows(IOException.class, () -> faulty.publish(v2));
            assertTrue(e.getMessage().contains("injected"), e.getMessage());
        }
        assertFirstVersionStillServed();
        try (ModelStore store = store()) {
            store.publish(v2);
            assertEquals(Optional.of("v2"), store.currentVersion(), "a retry under the same name completes");
        }
    }

    @Test
    void failedPointerWriteLeavesTheOldVersionCurrent() throws IOException {
        Path v2 = publishV1AndWriteV2();
        int pointerPut = DATA_FILES + 2;
        try (ModelStore faulty = storeWithFault(pointerPut, UploadFault.FAIL)) {
            assertThrows(IOException.class, () -> faulty.publish(v2));
        }
        try (ModelStore store = store()) {
            assertEquals(Optional.of("v1"), store.currentVersion());
            assertEquals(List.of("v1", "v2"), store.listVersions(), "v2 is complete and verified, just not current");
            store.setCurrent("v2");
            assertEquals(Optional.of("v2"), store.currentVersion());
        }
    }

    @ParameterizedTest(name = "upload #{0} corrupted")
    @ValueSource(ints = {2, DATA_FILES + 1})
    void uploadCorruptedInTransitIsCaughtByVerification(int corruptPut) throws IOException {
        Path v2 = publishV1AndWriteV2();
        try (ModelStore faulty = storeWithFault(corruptPut, UploadFault.CORRUPT)) {
            IOException e = assertThrows(IOException.class, () -> faulty.publish(v2));
            assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        }
        assertFirstVersionStillServed();
    }

    @Test
    void folderThatDoesNotMatchItsManifestIsRefusedBeforeUpload() throws IOException {
        Path v2 = publishV1AndWriteV2();
        TestVersions.flipByte(v2.resolve(ArtifactLayout.CONTEXT_TABLE));
        try (ModelStore store = store()) {
            IOException e = assertThrows(IOException.class, () -> store.publish(v2));
            assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains(ArtifactLayout.CONTEXT_TABLE),
                    e.getMessage());
            assertThrows(NoSuchFileException.class, () -> store.openFile("v2", ArtifactLayout.MODEL_ONNX),
                    "nothing of a refused version is uploaded");

            Path incomplete = TestVersions.write(work.resolve("incomplete"), "v2", 2);
            Files.delete(incomplete.resolve(ArtifactLayout.ITEMS));
            e = assertThrows(IOException.class, () -> store.publish(incomplete));
            assertTrue(e.getMessage().contains(ArtifactLayout.ITEMS), e.getMessage());
        }
        assertFirstVersionStillServed();
    }

    @Test
    void versionNameIsNeverReusedForDifferentContent() throws IOException {
        Path v1 = TestVersions.write(work.resolve("first"), "v1", 1);
        Path v1Again = TestVersions.write(work.resolve("second"), "v1", 99);
        try (ModelStore store = store()) {
            store.publish(v1);
            store.publish(TestVersions.write(work, "v2", 2));
            IOException e = assertThrows(IOException.class, () -> store.publish(v1Again));
            assertTrue(e.getMessage().contains("different content"), e.getMessage());
            assertEquals(ManifestJson.read(v1.resolve(ArtifactLayout.MANIFEST)), store.readManifest("v1"));
            assertEquals(Optional.of("v2"), store.currentVersion());

            store.publish(v1);
            assertEquals(Optional.of("v1"), store.currentVersion(), "re-publishing identical content is a rollback");
        }
    }

    @Test
    void damagedStoredVersionCannotBecomeCurrentNorBeDownloaded() throws IOException {
        try (ModelStore store = store()) {
            Path v1 = TestVersions.write(work, "v1", 1);
            store.publish(v1);
            store.publish(TestVersions.write(work, "v2", 2));
            byte[] damaged = Files.readAllBytes(v1.resolve(ArtifactLayout.TARGET_TABLE));
            damaged[7] ^= 0x10;
            overwriteStored(ArtifactLayout.versionKey("v1", ArtifactLayout.TARGET_TABLE), damaged);

            IOException e = assertThrows(IOException.class, () -> store.setCurrent("v1"));
            assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
            assertEquals(Optional.of("v2"), store.currentVersion());

            Path dest = work.resolve("serving/v1");
            assertThrows(IOException.class, () -> store.download("v1", dest));
            assertFalse(Files.exists(dest), "a download that fails verification leaves nothing behind");
            assertEquals(List.of(), listDir(dest.getParent()));
        }
    }

    @Test
    void storedVersionIsListedAndVerifiedButNotCurrent() throws IOException {
        Path v2 = publishV1AndWriteV2();
        try (ModelStore store = store()) {
            assertEquals("v2", store.store(v2).version());
            assertEquals(Optional.of("v1"), store.currentVersion(), "storing never moves the pointer");
            assertEquals(List.of("v1", "v2"), store.listVersions());
            assertEquals("v2", store.download("v2", work.resolve("kept/v2")).version());
            store.setCurrent("v2");
            assertEquals(Optional.of("v2"), store.currentVersion(), "a stored version can be made current later");
        }
    }

    @Test
    void interruptedStoreLeavesNothingVisible() throws IOException {
        Path v2 = publishV1AndWriteV2();
        try (ModelStore faulty = storeWithFault(DATA_FILES + 1, UploadFault.FAIL)) {
            assertThrows(IOException.class, () -> faulty.store(v2));
        }
        assertFirstVersionStillServed();
    }

    @Test
    void pinCurrentPinsAndMovesThePointerAndUnpinReleases() throws IOException {
        Path v2 = publishV1AndWriteV2();
        try (ModelStore store = store()) {
            store.publish(v2);
            assertEquals(Optional.empty(), store.pin());
            Instant before = Instant.now();
            store.pinCurrent("v1", "rollback by alice");
            assertEquals(Optional.of("v1"), store.currentVersion());
            StorePin pin = store.pin().orElseThrow();
            assertEquals("v1", pin.version());
            assertEquals("rollback by alice", pin.by());
            assertFalse(pin.pinnedAt().isBefore(before.minusSeconds(1)), pin.toString());

            assertEquals(Optional.of(pin), store.unpin());
            assertEquals(Optional.empty(), store.pin());
            assertEquals(Optional.empty(), store.unpin(), "unpinning twice is harmless");
            assertEquals(Optional.of("v1"), store.currentVersion(), "unpinning leaves current where it is");

            assertThrows(NoSuchFileException.class, () -> store.pinCurrent("v9", "rollback"));
            assertEquals(Optional.empty(), store.pin(), "an unknown version pins nothing");
        }
    }

    @Test
    void failedPinWriteLeavesThePointerWhereItWas() throws IOException {
        Path v2 = publishV1AndWriteV2();
        try (ModelStore store = store()) {
            store.publish(v2);
        }
        try (ModelStore faulty = storeWithFault(1, UploadFault.FAIL)) {
            assertThrows(IOException.class, () -> faulty.pinCurrent("v1", "rollback"));
        }
        try (ModelStore store = store()) {
            assertEquals(Optional.of("v2"), store.currentVersion());
            assertEquals(Optional.empty(), store.pin());
        }
    }

    private Path publishV1AndWriteV2() throws IOException {
        try (ModelStore store = store()) {
            store.publish(TestVersions.write(work, "v1", 1));
        }
        return TestVersions.write(work, "v2", 2);
    }

    private void assertFirstVersionStillServed() throws IOException {
        try (ModelStore store = store()) {
            assertEquals(Optional.of("v1"), store.currentVersion());
            assertEquals(List.of("v1"), store.listVersions(), "the failed version is not visible");
            ModelVersion served = store.download("v1", Files.createTempDirectory(work, "check-").resolve("v1"));
            assertEquals("v1", served.version());
        }
    }

    private static List<Path> listDir(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
