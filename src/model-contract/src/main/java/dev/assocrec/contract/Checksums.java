package dev.assocrec.contract;

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
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
            total += n;
        }
        return new Manifest.FileEntry(HexFormat.of().formatHex(md.digest()), total);
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
            throw new IOException("checksum mismatch for " + name + ": manifest says sha256 " + expected.sha256()
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
