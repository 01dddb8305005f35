package dev.assocrec.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactFilesTest {
    @TempDir
    Path dir;

    @Test
    void embeddingTableRoundTripsThroughAFileAsLittleEndian() throws IOException {
        EmbeddingTable t = new EmbeddingTable(3, 2, new float[] {1.5f, -2f, 0f, 3.25f, 1e-7f, 42f});
        Path f = dir.resolve("t.f32");
        t.write(f);
        assertEquals(24, Files.size(f));
        byte[] bytes = Files.readAllBytes(f);
        assertEquals(0x3f, bytes[3] & 0xff, "1.5f little-endian ends with 0x3f");
        assertArrayEquals(t.data(), EmbeddingTable.read(f, 2).data());
        IOException e = assertThrows(IOException.class, () -> EmbeddingTable.read(f, 5));
        assertTrue(e.getMessage().contains("not a whole number of 5-float rows"), e.getMessage());
    }

    @Test
    void itemCatalogRoundTripsWithQuotedFieldsAndMissingValues() throws IOException {
        ItemCatalog c = new ItemCatalog(List.of(
                new ItemRecord(0, "sku-1", "shoes", "Acme, Inc.", 19.99, "Runner \"X\""),
                ItemRecord.bare(1, "sku-2")));
        Path f = dir.resolve(ArtifactLayout.ITEMS);
        c.write(f);
        ItemCatalog back = ItemCatalog.read(f);
        assertEquals(c.items(), back.items());
        assertEquals(1, back.indexOf("sku-2").getAsInt());
        assertTrue(back.indexOf("nope").isEmpty());
    }

    @Test
    void itemCatalogRejectsDuplicateIds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ItemCatalog(List.of(ItemRecord.bare(0, "a"), ItemRecord.bare(1, "a"))));
        assertEquals("item id 'a' appears twice in the item table", e.getMessage());
    }

    @Test
    void manifestRoundTripsAndChecksumsAreVerified() throws IOException {
        Path f = dir.resolve("x.bin");
        Files.write(f, new byte[] {1, 2, 3});
        Manifest.FileEntry entry = Checksums.of(f);
        assertEquals(3, entry.bytes());
        assertEquals("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", entry.sha256());
        assertEquals("55bc801d", entry.crc32()); // zlib.crc32(bytes([1, 2, 3]))
        assertEquals("cbf43926", Checksums.of(new java.io.ByteArrayInputStream(
                "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).crc32()); // CRC-32's check value
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, "v1", Instant.parse("2026-11-28T12:00:00Z"), 3, 2,
                PoolingConfig.defaultWeighted(), List.of(2, 0, 1), Map.of("x.bin", entry),
                Map.of("gcn", Map.of("recall@20", 0.2)), null, null);
        Path mf = dir.resolve(ArtifactLayout.MANIFEST);
        ManifestJson.write(m, mf);
        assertEquals(m, ManifestJson.read(mf));

        Files.write(f, new byte[] {1, 2, 4});
        IOException e = assertThrows(IOException.class, () -> Checksums.verify(f, entry, IntegrityCheck.FULL));
        assertTrue(e.getMessage().startsWith("checksum mismatch for " + f), e.getMessage());
    }

    @Test
    void manifestFromANewerFormatIsRefused() throws IOException {
        Path mf = dir.resolve(ArtifactLayout.MANIFEST);
        Files.writeString(mf, "{\"formatVersion\": 99, \"version\": \"v1\", \"createdAt\": \"2026-11-28T12:00:00Z\","
                + " \"itemCount\": 1, \"dimensions\": 1, \"pooling\": {\"mode\": \"MEAN\"}}");
        IOException e = assertThrows(IOException.class, () -> ManifestJson.read(mf));
        assertEquals(mf + ": manifest format 99 is newer than this reader understands (2)", e.getMessage());
    }

    @Test
    void manifestsOfEarlierFormatsAreStillRead() throws IOException {
        // Format 1 versions hold the graph that pools given weights; serving still feeds it (OrtScorer).
        Path mf = dir.resolve(ArtifactLayout.MANIFEST);
        Files.writeString(mf, "{\"formatVersion\": 1, \"version\": \"v1\", \"createdAt\": \"2026-11-28T12:00:00Z\","
                + " \"itemCount\": 1, \"dimensions\": 1, \"pooling\": {\"mode\": \"MEAN\"}}");
        assertEquals(1, ManifestJson.read(mf).formatVersion());
    }

    @Test
    void versionNamesAreSafeForPathsAndKeys() {
        assertEquals("models/v-1.2_3/model.onnx", ArtifactLayout.versionKey("v-1.2_3", ArtifactLayout.MODEL_ONNX));
        for (String bad : new String[] {"", "../x", "a/b", "current", "pin", ".hidden", "sp ace"}) {
            assertThrows(IllegalArgumentException.class, () -> ArtifactLayout.requireValidVersion(bad), bad);
        }
    }
}
