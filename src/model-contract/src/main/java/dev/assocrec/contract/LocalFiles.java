package dev.assocrec.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Crash-safe local file operations: content is written to a hidden temporary sibling, synced, and
 * renamed over the target in one atomic step, so a reader sees the old file or the new one, never a
 * partial one.
 */
public final class LocalFiles {
    private LocalFiles() {}

    /** Replaces (or creates) {@code target} with the stream's bytes, atomically. */
    public static void writeAtomically(Path target, InputStream content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
            fsync(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsync(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames a completed staging folder to its final name; fails if the target exists. */
    public static void moveDirectoryAtomically(Path staging, Path target) throws IOException {
        fsync(staging);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        fsync(target.toAbsolutePath().getParent());
    }

    /** Forces a file's (or a directory's entries') data to disk before a rename makes it visible. */
    public static void fsync(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException e) {
                // Some file systems cannot sync a directory; the files in it were synced one by one.
            }
            return;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Best-effort recursive delete of a staging folder after a failure. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover staging folder is hidden and has no manifest, so nothing mistakes it for a version.
        }
    }
}
