package dev.assocrec.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a model version is and how to check it.
 *
 * @param formatVersion  version of this contract; readers refuse a newer major format
 * @param version        the version name (also its folder name)
 * @param createdAt      when training finished
 * @param itemCount      rows of the item table and both embedding tables
 * @param dimensions     columns of the embedding tables
 * @param pooling        how serving must pool a history (the pooling training used)
 * @param popularItems   item indices, most popular first: the fallback for empty histories
 * @param files          checksum and size of every file in the version except the manifest
 * @param metrics        evaluation figures per model name, e.g. {"gcn": {"recall@20": 0.18}}
 * @param training       training configuration as given (free-form)
 * @param data           data provenance: inputs, counts, skipped rows (free-form)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        int formatVersion,
        String version,
        Instant createdAt,
        int itemCount,
        int dimensions,
        PoolingConfig pooling,
        List<Integer> popularItems,
        Map<String, FileEntry> files,
        Map<String, Map<String, Double>> metrics,
        JsonNode training,
        JsonNode data) {

    /**
     * 2: the scoring graph takes the raw history and computes attention itself ({@link OnnxSignature}); a reader of
     * format 1 could not feed it, so it refuses these versions in one line. Format 1 versions are still read.
     */
    public static final int FORMAT_VERSION = 2;

    public Manifest {
        ArtifactLayout.requireValidVersion(version);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(pooling, "pooling");
        if (itemCount <= 0 || dimensions <= 0) {
            throw new IllegalArgumentException("manifest needs itemCount > 0 and dimensions > 0, was "
                    + itemCount + " and " + dimensions);
        }
        if (pooling.attention() != null && pooling.attention().vector().size() != dimensions) {
            throw new IllegalArgumentException("pooling.attention.vector has " + pooling.attention().vector().size()
                    + " values, expected one per dimension (" + dimensions + ")");
        }
        popularItems = popularItems == null ? List.of() : List.copyOf(popularItems);
        files = files == null ? Map.of() : Map.copyOf(files);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    /**
     * A file's checksums and size: sha256 as lower-case hex, size in bytes, and a CRC-32 (IEEE, as
     * {@link java.util.zip.CRC32}) as 8 lower-case hex digits. crc32 is null in manifests written before it
     * was recorded; readers then check sha256 only ({@link IntegrityCheck}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FileEntry(String sha256, long bytes, String crc32) {
        public FileEntry {
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("file checksum must be 64 lower-case hex digits, was " + sha256);
            }
            if (bytes < 0) {
                throw new IllegalArgumentException("file size must be >= 0, was " + bytes);
            }
            if (crc32 != null && !crc32.matches("[0-9a-f]{8}")) {
                throw new IllegalArgumentException("file crc32 must be 8 lower-case hex digits, was " + crc32);
            }
        }
    }
}
