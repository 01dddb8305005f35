package dev.assocrec.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A model version folder that has been checked against its manifest: every file the contract
 * requires is listed, present, of the recorded size and sha256, and the tables and item table have
 * the shape the manifest states. Training verifies what it wrote, the store verifies before and after
 * publishing, and serving verifies what it downloaded, all with this one check.
 */
public final class ModelVersion {
    private final Path dir;
    private final Manifest manifest;
    private final ItemCatalog catalog;

    private ModelVersion(Path dir, Manifest manifest, ItemCatalog catalog) {
        this.dir = dir;
        this.manifest = manifest;
        this.catalog = catalog;
    }

    /** Reads and fully verifies a version folder; the exception names the first problem found. */
    public static ModelVersion load(Path dir) throws IOException {
        Path manifestFile = dir.resolve(ArtifactLayout.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new NoSuchFileException(manifestFile.toString(), null,
                    "not a model version folder: " + ArtifactLayout.MANIFEST + " is missing");
        }
        Manifest manifest = ManifestJson.read(manifestFile);
        requireCompleteFileList(manifest, dir.toString());
        requireOptionalFilesListed(dir, manifest);
        verifyTableSizes(dir, manifest);
        // Parsing the item table and hashing the files take about as long as each other on a cold JVM:
        // overlap them (the parse is discarded if a checksum fails).
        CompletableFuture<ItemCatalog> parsed = CompletableFuture.supplyAsync(() -> {
            try {
                return ItemCatalog.read(dir.resolve(ArtifactLayout.ITEMS));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        verifyFiles(dir, manifest);
        ItemCatalog catalog;
        try {
            catalog = parsed.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        if (catalog.size() != manifest.itemCount()) {
            throw new IOException(dir.resolve(ArtifactLayout.ITEMS) + ": has " + catalog.size()
                    + " items, manifest says " + manifest.itemCount());
        }
        return new ModelVersion(dir, manifest, catalog);
    }

    /**
     * Checks that the manifest lists every required file with a safe name; the same rule applies to
     * copies in a store, where a file name becomes part of an object key.
     */
    public static void requireCompleteFileList(Manifest manifest, String where) throws IOException {
        for (String required : ArtifactLayout.CHECKSUMMED_FILES) {
            if (!manifest.files().containsKey(required)) {
                throw new IOException(where + ": manifest of version " + manifest.version()
                        + " lists no checksum for required file " + required);
            }
        }
        for (String name : manifest.files().keySet()) {
            if (name.equals(ArtifactLayout.MANIFEST) || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IOException(where + ": manifest of version " + manifest.version()
                        + " lists an invalid file name '" + name + "'");
            }
        }
    }

    /** A file the graph may read is never used unverified: present means listed. */
    private static void requireOptionalFilesListed(Path dir, Manifest manifest) throws IOException {
        for (String optional : ArtifactLayout.OPTIONAL_FILES) {
            if (!manifest.files().containsKey(optional) && Files.exists(dir.resolve(optional))) {
                throw new IOException(dir.resolve(optional) + ": present but the manifest of version "
                        + manifest.version() + " lists no checksum for it");
            }
        }
    }

    private static void verifyFiles(Path dir, Manifest manifest) throws IOException {
        for (Map.Entry<String, Manifest.FileEntry> e : manifest.files().entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "listed in the manifest but missing");
            }
            long size = Files.size(file);
            if (size != e.getValue().bytes()) {
                // Cheap check first: a truncated upload or copy shows up without hashing gigabytes.
                throw new IOException("size mismatch for " + file + ": manifest says " + e.getValue().bytes()
                        + " bytes, found " + size);
            }
            Checksums.verify(file.toString(), e.getValue(), Checksums.of(file));
        }
    }

    private static void verifyTableSizes(Path dir, Manifest manifest) throws IOException {
        long expected = (long) manifest.itemCount() * manifest.dimensions() * Float.BYTES;
        for (String table : new String[] {ArtifactLayout.CONTEXT_TABLE, ArtifactLayout.TARGET_TABLE}) {
            long bytes = manifest.files().get(table).bytes();
            if (bytes != expected) {
                throw new IOException(dir.resolve(table) + ": " + bytes + " bytes, but " + manifest.itemCount()
                        + " items x " + manifest.dimensions() + " float32 dims need " + expected);
            }
        }
        Manifest.FileEntry quantized = manifest.files().get(ArtifactLayout.QUANTIZED_TARGET_TABLE);
        long expectedBytes = (long) manifest.itemCount() * manifest.dimensions();
        if (quantized != null && quantized.bytes() != expectedBytes) {
            throw new IOException(dir.resolve(ArtifactLayout.QUANTIZED_TARGET_TABLE) + ": " + quantized.bytes()
                    + " bytes, but " + manifest.itemCount() + " items x " + manifest.dimensions()
                    + " int8 dims need " + expectedBytes);
        }
    }

    /**
     * The same verified version after its folder was renamed in one step (staging name to final name),
     * without hashing every file again.
     */
    public ModelVersion movedTo(Path newDir) {
        return new ModelVersion(newDir, manifest, catalog);
    }

    public Path dir() { return dir; }

    public Manifest manifest() { return manifest; }

    public String version() { return manifest.version(); }

    public ItemCatalog catalog() { return catalog; }

    /** Path of one file of this version, e.g. {@link ArtifactLayout#MODEL_ONNX} for the ONNX session. */
    public Path file(String name) { return dir.resolve(name); }

    public EmbeddingTable readContextTable() throws IOException {
        return EmbeddingTable.read(file(ArtifactLayout.CONTEXT_TABLE), manifest.dimensions());
    }

    public EmbeddingTable readTargetTable() throws IOException {
        return EmbeddingTable.read(file(ArtifactLayout.TARGET_TABLE), manifest.dimensions());
    }

    @Override
    public String toString() {
        return "model version " + manifest.version() + " at " + dir;
    }
}
