package dev.assocrec.contract.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.Checksums;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.LocalFiles;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ManifestJson;
import dev.assocrec.contract.ModelVersion;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes a complete model version folder: the two tables, the ONNX graph over them, the item table
 * and, last, the manifest with the checksum of every other file. Everything is written into a hidden
 * sibling folder and renamed into place only when complete and verified, so a crash never leaves a
 * folder under the version's name, and a half-written staging folder has no manifest and is rejected
 * by {@link ModelVersion#load}.
 */
public final class ModelVersionWriter {
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** Every file this writer puts in a version besides the manifest: the required ones and the int8 table. */
    public static final List<String> WRITTEN_FILES = Stream.concat(
            ArtifactLayout.CHECKSUMMED_FILES.stream(), ArtifactLayout.OPTIONAL_FILES.stream()).toList();

    private ModelVersionWriter() {}

    /**
     * What the version records beside the trained tables.
     *
     * @param version      the version name (see {@link ArtifactLayout#requireValidVersion})
     * @param createdAt    when training finished
     * @param popularItems item indices, most popular first: serving's answer to an empty history
     * @param metrics      evaluation figures per model name
     * @param data         data provenance (inputs, counts, skipped rows), e.g. the dataset's provenance
     */
    public record VersionInfo(String version, Instant createdAt, List<Integer> popularItems,
                              Map<String, Map<String, Double>> metrics, JsonNode data) {
        public VersionInfo {
            ArtifactLayout.requireValidVersion(version);
            Objects.requireNonNull(createdAt, "createdAt");
            popularItems = popularItems == null ? List.of() : List.copyOf(popularItems);
            metrics = metrics == null ? Map.of() : metrics;
        }
    }

    /** A sortable version name for a training run, e.g. {@code 20261128-183000}. */
    public static String timestampVersion(Instant time) {
        return VERSION_TIME.format(time);
    }

    /**
     * Writes the version into {@code versionDir}, which must not exist yet; returns it verified.
     * The folder's name need not equal the version name, but its parent must be writable.
     */
    public static ModelVersion write(Path versionDir, VersionTables model, ItemCatalog catalog, VersionInfo info)
            throws IOException {
        checkConsistent(model, catalog, info);
        if (Files.exists(versionDir)) {
            throw new FileAlreadyExistsException(versionDir.toString(), null,
                    "refusing to overwrite an existing model version folder");
        }
        Path parent = versionDir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + versionDir.getFileName() + ".partial-");
        try {
            writeContents(staging, model, catalog, info);
            ModelVersion written = ModelVersion.load(staging);
            LocalFiles.moveDirectoryAtomically(staging, versionDir);
            return written.movedTo(versionDir);
        } catch (IOException | RuntimeException e) {
            LocalFiles.deleteTree(staging);
            throw e;
        }
    }

    private static void writeContents(Path dir, VersionTables model, ItemCatalog catalog, VersionInfo info)
            throws IOException {
        model.context().write(dir.resolve(ArtifactLayout.CONTEXT_TABLE));
        model.target().write(dir.resolve(ArtifactLayout.TARGET_TABLE));
        QuantizedTargetTable quantized = QuantizedTargetTable.of(model.target());
        quantized.write(dir.resolve(ArtifactLayout.QUANTIZED_TARGET_TABLE));
        OnnxScoringGraph.twoStage(quantized, OnnxScoringGraph.DEFAULT_MARGIN, model.pooling()).write(dir);
        catalog.write(dir.resolve(ArtifactLayout.ITEMS));

        for (String name : WRITTEN_FILES) {
            LocalFiles.fsync(dir.resolve(name));
        }
        Map<String, Manifest.FileEntry> files = Checksums.ofFiles(dir, WRITTEN_FILES);
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, info.version(), info.createdAt(),
                catalog.size(), model.context().dims(), model.pooling(), info.popularItems(), files,
                info.metrics(), model.trainingRecord(), info.data());
        ManifestJson.write(manifest, dir.resolve(ArtifactLayout.MANIFEST));
        LocalFiles.fsync(dir.resolve(ArtifactLayout.MANIFEST));
    }

    /** A diverged run must not be published: NaN or infinite scores would break ranking and masking. */
    private static void requireFinite(String name, EmbeddingTable table) {
        float[] data = table.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException(name + " embedding table has " + data[i] + " at row "
                        + i / table.dims() + ", column " + i % table.dims() + "; refusing to export a diverged model");
            }
        }
    }

    private static void checkConsistent(VersionTables model, ItemCatalog catalog, VersionInfo info) {
        if (model.context().rows() != catalog.size() || model.target().rows() != catalog.size()) {
            throw new IllegalArgumentException("tables have " + model.context().rows() + " (context) and "
                    + model.target().rows() + " (target) rows but the catalogue has " + catalog.size() + " items");
        }
        if (model.context().dims() != model.target().dims()) {
            throw new IllegalArgumentException("context table has " + model.context().dims()
                    + " dims, target table " + model.target().dims());
        }
        Objects.requireNonNull(model.pooling(), "the trained model has no pooling config");
        requireFinite("context", model.context());
        requireFinite("target", model.target());
        for (int item : info.popularItems()) {
            if (item < 0 || item >= catalog.size()) {
                throw new IllegalArgumentException("popular item index " + item + " is outside [0, " + catalog.size() + ")");
            }
        }
    }
}
