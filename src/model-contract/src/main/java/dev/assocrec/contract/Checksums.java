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
import java.util.zip.CRC32;

/** sha256 and crc32 of files and streams, as the manifest records them, and their check. */
public final class Checksums {
    private Checksums() {}

    /** Both checksums and the size: a manifest entry. */
    public static Manifest.FileEntry of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    public static Manifest.FileEntry of(InputStream in) throws IOException {
        return new Hashing(in).entry(); // the caller closes the stream
    }

    /** Checks a file against its manifest entry at the given depth; the exception names the file and both values. */
    public static void verify(Path file, Manifest.FileEntry expected, IntegrityCheck depth) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            new Hashing(in, expected, depth).verify(file.toString(), expected);
        }
    }

    /**
     * Checksums what is read through it, so that a file can be parsed and checked in one read;
     * {@link #entry()} and {@link #verify} read any rest of the stream first, so the checksum always
     * covers the whole file. Computes only what the check needs: sha256 is the slow one.
     */
    public static final class Hashing extends FilterInputStream {
        private final MessageDigest md;
        private final CRC32 crc;
        private final byte[] oneByte = new byte[1];
        private long total;

        /** Computes both checksums, as for a new manifest entry. */
        public Hashing(InputStream in) {
            super(in);
            this.md = sha256();
            this.crc = new CRC32();
        }

        /** Computes what checking against {@code expected} at {@code depth} needs. */
        public Hashing(InputStream in, Manifest.FileEntry expected, IntegrityCheck depth) {
            super(in);
            this.md = depth.checksSha256(expected) ? sha256() : null;
            this.crc = depth.checksCrc32(expected) ? new CRC32() : null;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                oneByte[0] = (byte) b;
                update(oneByte, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                update(buf, off, n);
            }
            return n;
        }

        private void update(byte[] buf, int off, int n) {
            if (md != null) {
                md.update(buf, off, n);
            }
            if (crc != null) {
                crc.update(buf, off, n);
            }
            total += n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes must be checksummed too.
            return Math.max(0, read(new byte[(int) Math.max(0, Math.min(n, 1 << 16))]));
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** Size and both checksums of the whole stream (only from a stream opened to compute both). */
        public Manifest.FileEntry entry() throws IOException {
            if (md == null || crc == null) {
                throw new IllegalStateException("this stream computes only the checksum its check needs");
            }
            drain();
            return new Manifest.FileEntry(HexFormat.of().formatHex(md.digest()), total, crc32Hex(crc));
        }

        /** Reads the rest of the stream and throws, naming the file, if it does not match its entry. */
        public void verify(String name, Manifest.FileEntry expected) throws IOException {
            drain();
            String found = (total != expected.bytes() ? " size " + total + " bytes" : "")
                    + (md != null ? mismatch("sha256", expected.sha256(), HexFormat.of().formatHex(md.digest())) : "")
                    + (crc != null ? mismatch("crc32", expected.crc32(), crc32Hex(crc)) : "");
            if (!found.isEmpty()) {
                throw new InvalidArtifactException("checksum mismatch for " + name + " (manifest: " + expected.bytes()
                        + " bytes, sha256 " + expected.sha256() + (expected.crc32() == null ? "" : ", crc32 " + expected.crc32())
                        + "); found" + found);
            }
        }

        private void drain() throws IOException {
            byte[] buf = new byte[1 << 16];
            while (read(buf, 0, buf.length) > 0) {
                // drain: the checksum covers what the reader did not consume
            }
        }
    }

    private static String mismatch(String what, String expected, String actual) {
        return expected.equals(actual) ? "" : " " + what + " " + actual;
    }

    private static String crc32Hex(CRC32 crc) {
        return String.format("%08x", crc.getValue());
    }

    /** Checksums of the named files in a folder, in the given order: the manifest's file list. */
    public static Map<String, Manifest.FileEntry> ofFiles(Path dir, List<String> names) throws IOException {
        Map<String, Manifest.FileEntry> files = new LinkedHashMap<>();
        for (String name : names) {
            files.put(name, of(dir.resolve(name)));
        }
        return files;
    }

    /** Checks a stream (e.g. a stored object read back) fully against its manifest entry; closes nothing. */
    public static void verify(String name, Manifest.FileEntry expected, InputStream in) throws IOException {
        new Hashing(in, expected, IntegrityCheck.FULL).verify(name, expected);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
