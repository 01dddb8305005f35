package dev.assocrec.functions.testing;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.Checksums;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ManifestJson;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.export.OnnxScoringGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A local model store that tests and benchmarks publish versions into, as the trainer does. */
public final class ModelStoreDir {
    private final Path root;

    public ModelStoreDir(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path versionDir(String version) {
        return root.resolve(ArtifactLayout.MODELS_PREFIX).resolve(version);
    }

    /** Writes a complete version folder (tables, items, ONNX graph, manifest with checksums). */
    public Path writeVersion(String version, ItemCatalog catalog, EmbeddingTable context, EmbeddingTable target,
                             PoolingConfig pooling, List<Integer> popular) throws IOException {
        Path dir = versionDir(version);
        Files.createDirectories(dir);
        context.write(dir.resolve(ArtifactLayout.CONTEXT_TABLE));
        target.write(dir.resolve(ArtifactLayout.TARGET_TABLE));
        catalog.write(dir.resolve(ArtifactLayout.ITEMS));
        new OnnxScoringGraph(catalog.size(), context.dims()).write(dir);
        Map<String, Manifest.FileEntry> files = new LinkedHashMap<>();
        for (String f : ArtifactLayout.VERSION_FILES) {
            if (!f.equals(ArtifactLayout.MANIFEST)) {
                files.put(f, Checksums.of(dir.resolve(f)));
            }
        }
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, version, Instant.parse("2026-11-28T12:00:00Z"),
                catalog.size(), context.dims(), pooling, popular, files,
                Map.of("gcn", Map.of("recall@20", 0.2)), null, null);
        ManifestJson.write(manifest, dir.resolve(ArtifactLayout.MANIFEST));
        return dir;
    }

    /** Moves the current pointer atomically (write aside, then rename). */
    public void publish(String version) throws IOException {
        Path pointer = root.resolve(ArtifactLayout.CURRENT_POINTER);
        Path tmp = pointer.resolveSibling("current.tmp");
        Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
