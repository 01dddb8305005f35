package dev.assocrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.Checksums;
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
 * {@link ModelVersion#load} (the contract's check, used by the writer, the stores and serving)
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
