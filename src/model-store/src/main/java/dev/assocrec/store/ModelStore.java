package dev.assocrec.store;

import dev.assocrec.contract.IntegrityCheck;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Versioned model storage with a {@code current} pointer (layout: {@link dev.assocrec.contract.ArtifactLayout}).
 * A version is visible (listed, downloadable) once its manifest is stored, and the manifest is stored
 * only after every other file has been stored and verified; the pointer moves only to a version whose
 * stored copy verifies. So a failed publish never changes what serving loads.
 */
public interface ModelStore extends AutoCloseable {

    /** Where the store lives, e.g. {@code /data/models-root} or {@code s3://bucket/prefix}. */
    String location();

    /**
     * Publishes a version folder (its version name comes from its manifest) and makes it current.
     * Refuses a folder whose files do not match its manifest, and a version name already stored with
     * different content; re-publishing identical content only re-verifies it and moves the pointer.
     *
     * @return the published manifest
     */
    Manifest publish(Path versionDir) throws IOException;

    /**
     * Stores a version folder exactly as {@link #publish} does (uploaded, verified, listed) but leaves
     * {@code current} where it is: a candidate kept for later, e.g. one that failed the quality gate.
     *
     * @return the stored manifest
     */
    Manifest store(Path versionDir) throws IOException;

    /** The serving version, or empty when nothing was published yet. */
    Optional<CurrentPointer> current() throws IOException;

    default Optional<String> currentVersion() throws IOException {
        return current().map(CurrentPointer::version);
    }

    /** Complete (manifest-bearing) versions, sorted by name. */
    List<String> listVersions() throws IOException;

    /** Points {@code current} at a stored version (rollback), after verifying its stored copy. */
    void setCurrent(String version) throws IOException;

    /**
     * A manual rollback: verifies the stored version, pins it, then points {@code current} at it, so
     * that a failure part-way never leaves an unpinned pointer that an automatic run could move.
     */
    void pinCurrent(String version, String by) throws IOException;

    /** The pin a manual rollback left, or empty when automatic runs may move {@code current}. */
    Optional<StorePin> pin() throws IOException;

    /** Removes the pin; returns the one removed, or empty when there was none. */
    Optional<StorePin> unpin() throws IOException;

    /** The stored manifest of a version; fails when the version is not stored. */
    Manifest readManifest(String version) throws IOException;

    /** One stored file of a version; the caller closes the stream. */
    InputStream openFile(String version, String file) throws IOException;

    /**
     * Downloads a version into {@code dest} (which must not exist), fully verifies every file against the
     * manifest, and returns it. The folder appears under {@code dest} only when complete.
     */
    default ModelVersion download(String version, Path dest) throws IOException {
        return download(version, dest, IntegrityCheck.FULL);
    }

    /** {@link #download(String, Path)} with checksums of the given depth (serving: {@link IntegrityCheck#FAST}). */
    ModelVersion download(String version, Path dest, IntegrityCheck depth) throws IOException;

    @Override
    void close();
}
