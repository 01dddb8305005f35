package dev.assocrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.Checksums;
import dev.assocrec.contract.IntegrityCheck;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ManifestJson;
import dev.assocrec.contract.ModelVersion;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelVersion#load} (the contract's check, used by the writer, the stores and serving, the last with
 * the crc32-only {@link IntegrityCheck#FAST})
 * accepts exactly the folders whose files match their manifest, and names what is wrong otherwise.
 */
class ModelVersionVerificationTest {
    @TempDir
    Path work;

    @Test
    void validFolderLoadsWithItsManifestAndCatalogue() throws IOException {
        Path dir = TestVersions.write(work, "v1", 1);
        ModelVersion v = ModelVersion.load(dir);
        assertEquals("v1", v.version());
        assertEquals(TestVersions.ITEMS, v.catalog().size());
        assertEquals(TestVersions.DIMS, v.readTargetTable().dims());
        assertEquals(dir.resolve(ArtifactLayout.MODEL_ONNX), v.file(ArtifactLayout.MODEL_ONNX));
    }

    @Test
    void flippedByteIsCaughtByTheChecksum() throws IOException {
        Path dir = TestVersions.write(work, "v1", 1);
        TestVersions.flipByte(dir.resolve(ArtifactLayout.TARGET_TABLE));
        assertProblem(dir, "checksum mismatch for " + dir.resolve(ArtifactLayout.TARGET_TABLE));
    }

    @Test
    void truncatedFileIsCaughtBySize() throws IOException {
        Path dir = TestVersions.write(work, "v1", 1);
        try (FileChannel ch = FileChannel.open(dir.resolve(ArtifactLayout.CONTEXT_TABLE), StandardOpenOption.WRITE)) {
            ch.truncate(100);
        }
        assertProblem(dir, "size mismatch for " + dir.resolve(ArtifactLayout.CONTEXT_TABLE));
    }

    @Test
    void folderWithoutManifestIsNotAVersion() throws IOException {
        Path dir = TestVersions.write(work, "v1", 1);
        Files.delete(dir.resolve(ArtifactLayout.MANIFEST));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ModelVersion.load(dir));
        assertTrue(e.getMessage().contains("manifest.json is missing"), e.getMessage());
    }

    @Test
    void manifestMustListEveryRequiredFile() throws IOException {
        Path dir = TestVersions.write(work, "v1", 1);
        Manifest m = ManifestJson.read(dir.resolve(ArtifactLayout.MANIFEST));
        Map<String, Manifest.FileEntry> files = new HashMap<>(m.files());
        files.remove(ArtifactLayout.ITEMS);
        rewrite(dir, m, m.itemCount(), m.dimensions(), files);
        assertProblem(dir, "lists no checksum for required file items.csv");

        files.put(ArtifactLayout.ITEMS, m.files().get(ArtifactLayout.ITEMS));
        files.put("../escape", m.files().get(ArtifactLayout.ITEMS));
        rewrite(dir, m, m.itemCount(), m.dimensions(), files);
        assertProblem(dir, "invalid file name '../escape'");
    }

    @Test
    void shapesMustAgreeWithTheManifest() throws IOException {
        Path dir = TestVersions.write(work, "v1", 1);
        Manifest m = ManifestJson.read(dir.resolve(ArtifactLayout.MANIFEST));
        rewrite(dir, m, m.itemCount(), m.dimensions() / 2, m.files());
        assertProblem(dir, "float32 dims need");

        // Same table byte size (half the items, twice the dims), so only the item table count disagrees.
        rewrite(dir, m, m.itemCount() / 2, m.dimensions() * 2, m.files());
        assertProblem(dir, "has " + TestVersions.ITEMS + " items, manifest says " + TestVersions.ITEMS / 2);
    }

    @Test
    void quantizedTargetTableIsOptionalButVerifiedWhenListed() throws IOException {
        Path dir = TestVersions.write(work, "v1", 1);
        ModelVersion.load(dir); // versions exported before the int8 coarse pass have no target.i8

        Path quantized = dir.resolve(ArtifactLayout.QUANTIZED_TARGET_TABLE);
        Files.write(quantized, new byte[TestVersions.ITEMS * TestVersions.DIMS]);
        assertProblem(dir, quantized + ": present but the manifest of version v1 lists no checksum for it");

        Manifest m = ManifestJson.read(dir.resolve(ArtifactLayout.MANIFEST));
        Map<String, Manifest.FileEntry> files = new HashMap<>(m.files());
        files.put(ArtifactLayout.QUANTIZED_TARGET_TABLE, Checksums.of(quantized));
        rewrite(dir, m, m.itemCount(), m.dimensions(), files);
        ModelVersion.load(dir);

        TestVersions.flipByte(quantized);
        assertProblem(dir, "checksum mismatch for " + quantized);

        Files.write(quantized, new byte[TestVersions.ITEMS * TestVersions.DIMS * 2]);
        files.put(ArtifactLayout.QUANTIZED_TARGET_TABLE, Checksums.of(quantized));
        rewrite(dir, m, m.itemCount(), m.dimensions(), files);
        assertProblem(dir, "int8 dims need " + TestVersions.ITEMS * TestVersions.DIMS);
    }

    @Test
    void fastCheckUsesCrc32AndStillCatchesEveryChangedByte() throws IOException {
        Path dir = TestVersions.write(work, "v1", 1);
        Manifest m = ManifestJson.read(dir.resolve(ArtifactLayout.MANIFEST));
        for (Manifest.FileEntry entry : m.files().values()) {
            assertTrue(entry.crc32() != null && entry.crc32().matches("[0-9a-f]{8}"), "new manifests list crc32: " + entry);
        }
        assertEquals(m, ModelVersion.load(dir, IntegrityCheck.FAST).manifest());

        Path target = dir.resolve(ArtifactLayout.TARGET_TABLE);
        TestVersions.flipByte(target);
        IOException e = assertThrows(IOException.class, () -> ModelVersion.load(dir, IntegrityCheck.FAST));
        assertTrue(e.getMessage().contains("checksum mismatch for " + target) && e.getMessage().contains(" crc32 ")
                && !e.getMessage().contains("; found sha256"), e.getMessage());
    }

    @Test
    void fullCheckAlsoHoldsTheListedCrc32() throws IOException {
        Path dir = TestVersions.write(work, "v1", 1);
        Manifest m = ManifestJson.read(dir.resolve(ArtifactLayout.MANIFEST));
        Map<String, Manifest.FileEntry> files = new HashMap<>(m.files());
        Manifest.FileEntry items = files.get(ArtifactLayout.ITEMS);
        String wrongCrc = items.crc32().equals("00000000") ? "00000001" : "00000000";
        files.put(ArtifactLayout.ITEMS, new Manifest.FileEntry(items.sha256(), items.bytes(), wrongCrc));
        rewrite(dir, m, m.itemCount(), m.dimensions(), files);
        assertProblem(dir, "checksum mismatch for " + dir.resolve(ArtifactLayout.ITEMS));
        IOException e = assertThrows(IOException.class, () -> ModelVersion.load(dir, IntegrityCheck.FAST));
        assertTrue(e.getMessage().contains("found crc32 " + items.crc32()), e.getMessage());
    }

    @Test
    void manifestsWithoutCrc32AreCheckedBySha256EvenWhenFast() throws IOException {
        Path dir = TestVersions.write(work, "v1", 1);
        Manifest m = ManifestJson.read(dir.resolve(ArtifactLayout.MANIFEST));
        Map<String, Manifest.FileEntry> files = new HashMap<>();
        m.files().forEach((name, entry) -> files.put(name, new Manifest.FileEntry(entry.sha256(), entry.bytes(), null)));
        rewrite(dir, m, m.itemCount(), m.dimensions(), files);
        assertTrue(!Files.readString(dir.resolve(ArtifactLayout.MANIFEST)).contains("crc32"), "written as an older manifest");
        ModelVersion.load(dir, IntegrityCheck.FAST);

        Path context = dir.resolve(ArtifactLayout.CONTEXT_TABLE);
        TestVersions.flipByte(context);
        IOException e = assertThrows(IOException.class, () -> ModelVersion.load(dir, IntegrityCheck.FAST));
        assertTrue(e.getMessage().contains("checksum mismatch for " + context) && e.getMessage().contains("found sha256 "),
                e.getMessage());
    }

    private static void rewrite(Path dir, Manifest m, int items, int dims, Map<String, Manifest.FileEntry> files)
            throws IOException {
        ManifestJson.write(new Manifest(m.formatVersion(), m.version(), m.createdAt(), items, dims, m.pooling(),
                m.popularItems(), files, m.metrics(), m.training(), m.data()), dir.resolve(ArtifactLayout.MANIFEST));
    }

    private static void assertProblem(Path dir, String expected) {
        IOException e = assertThrows(IOException.class, () -> ModelVersion.load(dir));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
