package dev.assocrec.contract;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A model version folder that has been checked against its manifest: every file the contract
 * requires is listed, present, of the recorded size and checksums, and the tables and item table have
 * the shape the manifest states. Training verifies what it wrote, the store verifies before and after
 * publishing ({@link IntegrityCheck#FULL}), and serving verifies what it downloaded
 * ({@link IntegrityCheck#FAST}), all with this one check.
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

    /** Reads and fully verifies a version folder (sha256 and crc32); the exception names the first problem found. */
    public static ModelVersion load(Path dir) throws IOException {
        return load(dir, IntegrityCheck.FULL);
    }

    /** Reads and verifies a version folder with checksums of the given depth. */
    public static ModelVersion load(Path dir, IntegrityCheck depth) throws IOException {
        Path manifestFile = dir.resolve(ArtifactLayout.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new NoSuchFileException(manifestFile.toString(), null,
                    "not a model version folder: " + ArtifactLayout.MANIFEST + " is missing");
        }
        Manifest manifest = ManifestJson.read(manifestFile);
        requireCompleteFileList(manifest, dir.toString());
        requireOptionalFilesListed(dir, manifest);
        verifyTableSizes(dir, manifest);
        requirePresentWithRecordedSizes(dir, manifest);
        ItemCatalog catalog = verifyChecksumsAndReadItems(dir, manifest, depth);
        if (catalog.size() != manifest.itemCount()) {
            throw new InvalidArtifactException(dir.resolve(ArtifactLayout.ITEMS) + ": has " + catalog.size()
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
                throw new InvalidArtifactException(where + ": manifest of version " + manifest.version()
                        + " lists no checksum for required file " + required);
            }
        }
        for (String name : manifest.files().keySet()) {
            if (name.equals(ArtifactLayout.MANIFEST) || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new InvalidArtifactException(where + ": manifest of version " + manifest.version()
                        + " lists an invalid file name '" + name + "'");
            }
        }
    }

    /** A file the graph may read is never used unverified: present means listed. */
    private static void requireOptionalFilesListed(Path dir, Manifest manifest) throws IOException {
        for (String optional : ArtifactLayout.OPTIONAL_FILES) {
            if (!manifest.files().containsKey(optional) && Files.exists(dir.resolve(optional))) {
                throw new InvalidArtifactException(dir.resolve(optional) + ": present but the manifest of version "
                        + manifest.version() + " lists no checksum for it");
            }
        }
    }

    /** Cheap checks first: a missing file or a truncated upload shows up without hashing gigabytes. */
    private static void requirePresentWithRecordedSizes(Path dir, Manifest manifest) throws IOException {
        for (Map.Entry<String, Manifest.FileEntry> e : manifest.files().entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "listed in the manifest but missing");
            }
            long size = Files.size(file);
            if (size != e.getValue().bytes()) {
                throw new InvalidArtifactException("size mismatch for " + file + ": manifest says " + e.getValue().bytes()
                        + " bytes, found " + size);
            }
        }
    }

    /**
     * Hashes every file over the available cores (largest first) and parses the item table in the same
     * read as its hash: on a function's cold start these are the longest steps of a load.
     */
    private static ItemCatalog verifyChecksumsAndReadItems(Path dir, Manifest manifest, IntegrityCheck depth) throws IOException {
        List<Map.Entry<String, Manifest.FileEntry>> others = new ArrayList<>();
        for (Map.Entry<String, Manifest.FileEntry> e : manifest.files().entrySet()) {
            if (!e.getKey().equals(ArtifactLayout.ITEMS)) {
                others.add(e);
            }
        }
        others.sort(Comparator.comparingLong((Map.Entry<String, Manifest.FileEntry> e) -> e.getValue().bytes()).reversed());
        int threads = Math.max(1, Math.min(others.size() + 1, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "assocrec-verify-" + dir.getFileName());
            t.setDaemon(true);
            return t;
        });
        try {
            // Parsing costs more than hashing a file of its size: it goes first.
            Future<ItemCatalog> items = pool.submit(() -> readVerifiedItems(dir.resolve(ArtifactLayout.ITEMS),
                    manifest.files().get(ArtifactLayout.ITEMS), depth));
            List<Future<Void>> checks = new ArrayList<>();
            for (Map.Entry<String, Manifest.FileEntry> e : others) {
                Path file = dir.resolve(e.getKey());
                checks.add(pool.submit(() -> {
                    Checksums.verify(file, e.getValue(), depth);
                    return null;
                }));
            }
            ItemCatalog catalog = result(items);
            for (Future<Void> check : checks) {
                result(check);
            }
            return catalog;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Parses and hashes items.csv in one read; a file that does not match its checksum reports that, not a parse error. */
    private static ItemCatalog readVerifiedItems(Path file, Manifest.FileEntry expected, IntegrityCheck depth) throws IOException {
        try (Checksums.Hashing in = new Checksums.Hashing(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                expected, depth)) {
            ItemCatalog catalog;
            try {
                catalog = ItemCatalog.read(in, file.toString());
            } catch (IOException | RuntimeException e) {
                in.verify(file.toString(), expected);
                throw e;
            }
            in.verify(file.toString(), expected);
            return catalog;
        }
    }

    private static <T> T result(Future<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while verifying a model version");
        } catch (ExecutionException e) {
            throw TaskFailures.rethrow(e.getCause());
        }
    }

    private static void verifyTableSizes(Path dir, Manifest manifest) throws IOException {
        long expected = (long) manifest.itemCount() * manifest.dimensions() * Float.BYTES;
        for (String table : new String[] {ArtifactLayout.CONTEXT_TABLE, ArtifactLayout.TARGET_TABLE}) {
            long bytes = manifest.files().get(table).bytes();
            if (bytes != expected) {
                throw new InvalidArtifactException(dir.resolve(table) + ": " + bytes + " bytes, but " + manifest.itemCount()
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
