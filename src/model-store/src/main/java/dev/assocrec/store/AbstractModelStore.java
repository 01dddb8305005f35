package dev.assocrec.store;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.Checksums;
import dev.assocrec.contract.IntegrityCheck;
import dev.assocrec.contract.LocalFiles;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ManifestJson;
import dev.assocrec.contract.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The publish/verify/pointer protocol, written once over four storage primitives that the local and
 * S3 stores implement. Keys are relative to the store root, e.g. {@code models/v1/model.onnx}.
 *
 * <p>Publishing order: data files → verify each stored copy → manifest → verify it → pointer. A
 * version therefore becomes visible only with verified files, and every failure before the last step
 * leaves the pointer where it was. Storing without publishing stops before the pointer. The pin
 * ({@code models/pin}) is written the way the pointer is, in one atomic put.
 */
abstract class AbstractModelStore implements ModelStore {

    /** Stores a file under a key, replacing any previous object. */
    protected abstract void put(String key, Path source) throws IOException;

    /** Stores small content so that readers see the old or the new bytes, never a mix (the pointer). */
    protected abstract void putAtomically(String key, byte[] content) throws IOException;

    /** The stored bytes, or empty when no object has this key. */
    protected abstract Optional<InputStream> get(String key) throws IOException;

    /** Removes an object if present. */
    protected abstract void delete(String key) throws IOException;

    /** Every stored key starting with the prefix. */
    protected abstract List<String> keysUnder(String prefix) throws IOException;

    /** The full address of a key, for messages. */
    protected abstract String describe(String key);

    @Override
    public Manifest publish(Path versionDir) throws IOException {
        Manifest manifest = store(versionDir);
        movePointer(manifest.version());
        return manifest;
    }

    @Override
    public Manifest store(Path versionDir) throws IOException {
        ModelVersion local;
        try {
            local = ModelVersion.load(versionDir);
        } catch (IOException e) {
            throw new IOException("refusing to publish " + versionDir + ": " + e.getMessage(), e);
        }
        Manifest manifest = local.manifest();
        String version = manifest.version();
        Optional<Manifest> stored = tryReadManifest(version);
        if (stored.isPresent()) {
            if (!stored.get().equals(manifest)) {
                throw new IOException("refusing to publish " + versionDir + ": version " + version
                        + " is already stored at " + describe(versionPrefix(version))
                        + " with different content; use a new version name");
            }
            verifyStoredCopy(manifest);
        } else {
            for (String name : manifest.files().keySet()) {
                put(ArtifactLayout.versionKey(version, name), local.file(name));
            }
            verifyStoredFiles(manifest);
            storeManifest(version, local.file(ArtifactLayout.MANIFEST));
        }
        return manifest;
    }

    /**
     * The manifest makes the version visible. A copy that does not read back intact is removed again,
     * so a damaged manifest never lists the version nor blocks a retry under the same name.
     */
    private void storeManifest(String version, Path manifestFile) throws IOException {
        String key = ArtifactLayout.versionKey(version, ArtifactLayout.MANIFEST);
        put(key, manifestFile);
        try {
            verifyStored(key, Checksums.of(manifestFile));
        } catch (IOException e) {
            try {
                delete(key);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    @Override
    public Optional<CurrentPointer> current() throws IOException {
        return readRecord(ArtifactLayout.CURRENT_POINTER, CurrentPointer::fromJson);
    }

    @Override
    public List<String> listVersions() throws IOException {
        TreeSet<String> versions = new TreeSet<>();
        String suffix = "/" + ArtifactLayout.MANIFEST;
        for (String key : keysUnder(ArtifactLayout.MODELS_PREFIX)) {
            if (key.endsWith(suffix)) {
                String version = key.substring(ArtifactLayout.MODELS_PREFIX.length(), key.length() - suffix.length());
                if (!version.contains("/") && isValidVersion(version)) {
                    versions.add(version);
                }
            }
        }
        return new ArrayList<>(versions);
    }

    @Override
    public void setCurrent(String version) throws IOException {
        verifyStoredVersion(version);
        movePointer(version);
    }

    @Override
    public void pinCurrent(String version, String by) throws IOException {
        verifyStoredVersion(version);
        putAtomically(ArtifactLayout.PIN, new StorePin(version, Instant.now(), by).toJson());
        movePointer(version);
    }

    @Override
    public Optional<StorePin> pin() throws IOException {
        return readRecord(ArtifactLayout.PIN, StorePin::fromJson);
    }

    /** Parses a small JSON object (source name for messages); reads one of the store's own records. */
    @FunctionalInterface
    private interface RecordParser<T> {
        T parse(byte[] json, String source) throws IOException;
    }

    private <T> Optional<T> readRecord(String key, RecordParser<T> parser) throws IOException {
        Optional<InputStream> in = get(key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream s = in.get()) {
            return Optional.of(parser.parse(s.readAllBytes(), describe(key)));
        }
    }

    @Override
    public Optional<StorePin> unpin() throws IOException {
        Optional<StorePin> pin = pin();
        if (pin.isPresent()) {
            delete(ArtifactLayout.PIN);
        }
        return pin;
    }

    private void verifyStoredVersion(String version) throws IOException {
        ArtifactLayout.requireValidVersion(version);
        Optional<Manifest> manifest = tryReadManifest(version);
        if (manifest.isEmpty()) {
            throw new NoSuchFileException(describe(versionPrefix(version)), null,
                    "no such model version; stored versions: " + listVersions());
        }
        verifyStoredCopy(manifest.get());
    }

    @Override
    public Manifest readManifest(String version) throws IOException {
        return tryReadManifest(version).orElseThrow(() -> new NoSuchFileException(
                describe(ArtifactLayout.versionKey(version, ArtifactLayout.MANIFEST)), null, "no such model version"));
    }

    @Override
    public InputStream openFile(String version, String file) throws IOException {
        String key = ArtifactLayout.versionKey(version, file);
        return get(key).orElseThrow(() -> new NoSuchFileException(describe(key), null, "not stored"));
    }

    @Override
    public ModelVersion download(String version, Path dest, IntegrityCheck depth) throws IOException {
        if (Files.exists(dest)) {
            throw new FileAlreadyExistsException(dest.toString(), null, "download target must not exist");
        }
        Manifest manifest = readManifest(version);
        ModelVersion.requireCompleteFileList(manifest, describe(versionPrefix(version)));
        Path parent = dest.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + dest.getFileName() + ".partial-");
        try {
            List<String> names = new ArrayList<>(manifest.files().keySet());
            names.add(ArtifactLayout.MANIFEST);
            for (String name : names) {
                try (InputStream in = openFile(version, name)) {
                    Files.copy(in, staging.resolve(name));
                }
            }
            ModelVersion downloaded = ModelVersion.load(staging, depth);
            LocalFiles.moveDirectoryAtomically(staging, dest);
            return downloaded.movedTo(dest);
        } catch (IOException | RuntimeException e) {
            LocalFiles.deleteTree(staging);
            throw new IOException("download of version " + version + " from " + location() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private Optional<Manifest> tryReadManifest(String version) throws IOException {
        String key = ArtifactLayout.versionKey(version, ArtifactLayout.MANIFEST);
        Optional<InputStream> in = get(key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream s = in.get()) {
            return Optional.of(ManifestJson.read(s, describe(key)));
        }
    }

    /** The stored files and the stored manifest of a version all match. */
    private void verifyStoredCopy(Manifest manifest) throws IOException {
        ModelVersion.requireCompleteFileList(manifest, describe(versionPrefix(manifest.version())));
        verifyStoredFiles(manifest);
    }

    private void verifyStoredFiles(Manifest manifest) throws IOException {
        for (Map.Entry<String, Manifest.FileEntry> e : manifest.files().entrySet()) {
            verifyStored(ArtifactLayout.versionKey(manifest.version(), e.getKey()), e.getValue());
        }
    }

    /** Reads the stored object back and compares size and checksums: what serving will get, not what we sent. */
    private void verifyStored(String key, Manifest.FileEntry expected) throws IOException {
        Optional<InputStream> in = get(key);
        if (in.isEmpty()) {
            throw new NoSuchFileException(describe(key), null, "missing right after upload");
        }
        try (InputStream s = in.get()) {
            Checksums.verify(describe(key), expected, s);
        }
    }

    private void movePointer(String version) throws IOException {
        putAtomically(ArtifactLayout.CURRENT_POINTER, new CurrentPointer(version, Instant.now()).toJson());
    }

    private static String versionPrefix(String version) {
        return ArtifactLayout.MODELS_PREFIX + ArtifactLayout.requireValidVersion(version) + "/";
    }

    private static boolean isValidVersion(String name) {
        try {
            ArtifactLayout.requireValidVersion(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
