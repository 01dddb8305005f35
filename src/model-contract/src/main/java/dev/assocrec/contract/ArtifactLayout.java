package dev.assocrec.contract;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the files of a model version live. A store holds {@code models/<version>/<file>} for every
 * published version and a {@code models/current} pointer naming the serving version; a version
 * folder is complete before the pointer ever names it.
 */
public final class ArtifactLayout {
    private ArtifactLayout() {}

    /** The scoring graph; its embedding tables are ONNX external data in the table files. */
    public static final String MODEL_ONNX = "model.onnx";
    /** Context (history-side) embeddings: rows x dims float32, little-endian, row-major. */
    public static final String CONTEXT_TABLE = "context.f32";
    /** Target (candidate-side) embeddings, same shape and encoding as the context table. */
    public static final String TARGET_TABLE = "target.f32";
    /**
     * int8 copy of the target table for the scoring graph's coarse pass: dims x items (transposed),
     * one signed byte each, row-major; the scale and error bounds are constants in the graph.
     * Optional: versions exported before the coarse pass have none (and a graph that does not read it).
     */
    public static final String QUANTIZED_TARGET_TABLE = "target.i8";
    /** Index to item id map with the catalogue fields that serving filters on. */
    public static final String ITEMS = "items.csv";
    /** Version, provenance, metrics and the checksum of every other file. */
    public static final String MANIFEST = "manifest.json";

    /** Every file a version must contain; the manifest lists checksums for all but itself. */
    public static final List<String> VERSION_FILES = List.of(MODEL_ONNX, CONTEXT_TABLE, TARGET_TABLE, ITEMS, MANIFEST);

    /** The files the manifest lists checksums for: every version file but the manifest itself. */
    public static final List<String> CHECKSUMMED_FILES = List.of(MODEL_ONNX, CONTEXT_TABLE, TARGET_TABLE, ITEMS);

    /**
     * Files a version may contain; when present the manifest must list them (checksum and size) like
     * the required ones, so a reader never uses an unverified file.
     */
    public static final List<String> OPTIONAL_FILES = List.of(QUANTIZED_TARGET_TABLE);

    /** Prefix under a store root that holds the versions and the pointer. */
    public static final String MODELS_PREFIX = "models/";
    /** Object/file (relative to the store root) naming the serving version. */
    public static final String CURRENT_POINTER = MODELS_PREFIX + "current";
    /**
     * Object/file (relative to the store root) present while a manual rollback pins {@code current}:
     * automatic training runs then store their versions without moving the pointer. Serving never reads it.
     */
    public static final String PIN = MODELS_PREFIX + "pin";

    private static final Pattern VERSION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Relative key of a file inside a version, e.g. {@code models/20261128-120000/model.onnx}. */
    public static String versionKey(String version, String file) {
        return MODELS_PREFIX + requireValidVersion(version) + "/" + file;
    }

    /**
     * Versions become folder names and S3 keys, so only a safe alphabet is accepted; the names of the
     * pointer and the pin are taken (a folder cannot share a file's name).
     */
    public static String requireValidVersion(String version) {
        if (version == null || !VERSION_NAME.matcher(version).matches() || version.equals("current")
                || version.equals("pin")) {
            throw new IllegalArgumentException("invalid model version name '" + version
                    + "': use 1-128 of [A-Za-z0-9._-], starting with a letter or digit, and not 'current' or 'pin'");
        }
        return version;
    }
}
