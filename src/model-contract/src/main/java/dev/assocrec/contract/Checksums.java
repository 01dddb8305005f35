package dev.assocrec.contract;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** sha256 of files and streams, as the manifest records them. */
public final class Checksums {
    private Checksums() {}

    public static Manifest.FileEntry of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    public static Manifest.FileEntry of(InputStream in) throws IOException {
        return new Hashing(in).entry(); // the caller closes the stream
    }

    /**
     * Hashes what is read through it, so that a file can be parsed and checksummed in one read;
     * {@link #entry()} reads any rest of the stream first, so the checksum always covers the whole file.
     */
    public static final class Hashing extends FilterInputStream {
        private final MessageDigest md = sha256();
        private long total;

        public Hashing(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                md.update((byte) b);
                total++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                md.update(buf, off, n);
                total += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes must be hashed too.
            return Math.max(0, read(new byte[(int) Math.max(0, Math.min(n, 1 << 16))]));
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** Size and sha256 of the whole stream. */
        public Manifest.FileEntry entry() throws IOException {
            byte[] buf = new byte[1 << 16];
            while (read(buf, 0, buf.length) > 0) {
                // drain: the checksum covers what the reader did not consume
            }
            return new Manifest.FileEntry(HexFormat.of().formatHex(md.digest()), total);
        }
    }

    /** Checksums of the named files in a folder, in the given order: the manifest's file list. */
    public static Map<String, Manifest.FileEntry> ofFiles(Path dir, List<String> names) throws IOException {
        Map<String, Manifest.FileEntry> files = new LinkedHashMap<>();
        for (String name : names) {
            files.put(name, of(dir.resolve(name)));
        }
        return files;
    }

    /** Throws naming the file when it does not match its manifest entry. */
    public static void verify(String name, Manifest.FileEntry expected, Manifest.FileEntry actual) throws IOException {
        if (!expected.equals(actual)) {
            throw new InvalidArtifactException("checksum mismatch for " + name + ": manifest says sha256 " + expected.sha256()
                    + " (" + expected.bytes() + " bytes), found " + actual.sha256() + " (" + actual.bytes() + " bytes)");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
