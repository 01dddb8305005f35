package dev.assocrec.store;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.Checksums;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ManifestJson;
import dev.assocrec.contract.PoolingConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small but complete version folders for store tests. The store treats model.onnx as opaque bytes
 * (the real graph is built and tested in the training module), so a marker file stands in for it here.
 */
final class TestVersions {
    private TestVersions() {}

    static final int ITEMS = 40;
    static final int DIMS = 8;

    /** A valid version folder {@code parent/<version>}; the seed makes contents differ between calls. */
    static Path write(Path parent, String version, long seed) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(version));
        Random rng = new Random(seed);
        table(rng).write(dir.resolve(ArtifactLayout.CONTEXT_TABLE));
        table(rng).write(dir.resolve(ArtifactLayout.TARGET_TABLE));
        Files.writeString(dir.resolve(ArtifactLayout.MODEL_ONNX), "scoring graph of " + version + " seed " + seed,
                StandardCharsets.UTF_8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            ids.add("sku-" + i);
        }
        ItemCatalog.ofIds(ids).write(dir.resolve(ArtifactLayout.ITEMS));
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, version, Instant.parse("2026-11-28T12:00:00Z"),
                ITEMS, DIMS, PoolingConfig.mean(), List.of(3, 1, 4), Checksums.ofFiles(dir, ArtifactLayout.CHECKSUMMED_FILES),
                Map.of("gcn", Map.of("recall@20", 0.1 + seed / 1000.0)), null, null);
        ManifestJson.write(manifest, dir.resolve(ArtifactLayout.MANIFEST));
        return dir;
    }

    /** Flips one byte in place, leaving the size unchanged, so only a checksum can catch it. */
    static void flipByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x01;
        Files.write(file, bytes);
    }

    private static EmbeddingTable table(Random rng) {
        float[] data = new float[ITEMS * DIMS];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextGaussian();
        }
        return new EmbeddingTable(ITEMS, DIMS, data);
    }
}
