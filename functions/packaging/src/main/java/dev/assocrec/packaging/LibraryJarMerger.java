package dev.assocrec.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Merges jars, given in class-path order, into one jar that a class loader resolves exactly as it resolved
 * the class path: the first jar holding a name wins; {@code META-INF/services} files are concatenated (a
 * {@link java.util.ServiceLoader} reads every copy on a class path); per-jar metadata (manifest, jar index,
 * signatures, {@code module-info}) is dropped. Version-specific entries ({@code META-INF/versions/N/…}) are
 * kept only from Multi-Release jars, and only where no earlier jar already supplied the base name, so the
 * merged jar (Multi-Release if any input was) picks the same class on every Java version.
 */
public final class LibraryJarMerger {
    static final String SERVICES = "META-INF/services/";
    static final String VERSIONS = "META-INF/versions/";
    private static final Pattern VERSIONED = Pattern.compile("META-INF/versions/\\d+/(.+)");
    private static final Pattern DROPPED = Pattern.compile(
            "META-INF/MANIFEST\\.MF|META-INF/INDEX\\.LIST|META-INF/[^/]+\\.(SF|RSA|DSA|EC)|META-INF/SIG-[^/]+"
                    + "|module-info\\.class|META-INF/versions/\\d+/module-info\\.class",
            Pattern.CASE_INSENSITIVE);

    /**
     * What the merge did; {@code shadowed} lists names whose later, different copies were dropped, {@code leftOut} the
     * entries not written because the caller ships them elsewhere (their uncompressed bytes in {@code leftOutBytes}).
     */
    public record Summary(int jars, int entries, int servicesConcatenated, boolean multiRelease,
                          List<String> shadowed, List<String> classPathAttributes, int leftOut, long leftOutBytes) {}

    private final boolean storeClasses;

    /** @param storeClasses write {@code .class} entries uncompressed (read without inflating at class-load time) */
    public LibraryJarMerger(boolean storeClasses) {
        this.storeClasses = storeClasses;
    }

    /** Writes the merged jar to {@code target}, which is left open (it may be an entry of an enclosing zip). */
    public Summary merge(List<Path> jarsInClassPathOrder, OutputStream target) throws IOException {
        return merge(jarsInClassPathOrder, target, name -> false);
    }

    /** As {@link #merge(List, OutputStream)}, without the entries (files and folders) whose names {@code leaveOut} accepts. */
    public Summary merge(List<Path> jarsInClassPathOrder, OutputStream target, Predicate<String> leaveOut) throws IOException {
        Map<String, Integer> baseOwner = new HashMap<>();
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, ByteArrayOutputStream> services = new LinkedHashMap<>();
        List<String> shadowed = new ArrayList<>();
        List<String> classPathAttributes = new ArrayList<>();
        boolean multiRelease = false;
        Map<String, Long> leftOut = new LinkedHashMap<>();
        for (int index = 0; index < jarsInClassPathOrder.size(); index++) {
            Path jar = jarsInClassPathOrder.get(index);
            try (JarFile file = open(jar)) {
                Manifest manifest = file.getManifest();
                boolean jarIsMultiRelease = manifest != null
                        && "true".equalsIgnoreCase(manifest.getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE));
                multiRelease |= jarIsMultiRelease;
                String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                if (classPath != null && !classPath.isBlank()) {
                    classPathAttributes.add(jar.getFileName() + ": " + classPath.strip());
                }
                for (ZipEntry zipEntry : file.stream().map(e -> (ZipEntry) e).toList()) {
                    String name = zipEntry.getName();
                    if (DROPPED.matcher(name).matches()) {
                        continue;
                    }
                    if (leaveOut.test(name)) {
                        leftOut.putIfAbsent(name, Math.max(0, zipEntry.getSize()));
                        continue;
                    }
                    if (name.startsWith(SERVICES) && !zipEntry.isDirectory()) {
                        appendServiceFile(services.computeIfAbsent(name, n -> new ByteArrayOutputStream()),
                                read(file, zipEntry, jar));
                        continue;
                    }
                    var versioned = VERSIONED.matcher(name);
                    if (versioned.matches()) {
                        Integer owner = baseOwner.get(versioned.group(1));
                        if (!jarIsMultiRelease || (owner != null && owner != index)) {
                            continue; // inert in its own jar, or the base name resolves to an earlier jar
                        }
                    } else if (!zipEntry.isDirectory()) {
                        baseOwner.putIfAbsent(name, index);
                    }
                    Entry earlier = entries.get(name);
                    if (earlier == null) {
                        entries.put(name, new Entry(jar, zipEntry));
                    } else if (!zipEntry.isDirectory() && !earlier.sameContentAs(zipEntry)) {
                        shadowed.add(name + " (kept " + earlier.jar.getFileName() + ", dropped " + jar.getFileName() + ")");
                    }
                }
            }
        }
        write(entries, services, multiRelease, target);
        return new Summary(jarsInClassPathOrder.size(), entries.size() + services.size(), services.size(),
                multiRelease, shadowed, classPathAttributes, leftOut.size(),
                leftOut.values().stream().mapToLong(Long::longValue).sum());
    }

    private void write(Map<String, Entry> entries, Map<String, ByteArrayOutputStream> services, boolean multiRelease,
                       OutputStream target) throws IOException {
        ZipOutputStream out = new ZipOutputStream(target);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Created-By"), "assocrec function-packaging");
        if (multiRelease) {
            manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        ByteArrayOutputStream manifestBytes = new ByteArrayOutputStream();
        manifest.write(manifestBytes);
        put(out, new ZipEntry(JarFile.MANIFEST_NAME), manifestBytes.toByteArray(), false);
        Path open = null;
        JarFile file = null;
        try {
            for (var e : entries.entrySet()) {
                Entry entry = e.getValue();
                if (!entry.jar.equals(open)) {
                    if (file != null) {
                        file.close();
                    }
                    file = open(entry.jar);
                    open = entry.jar;
                }
                ZipEntry copy = new ZipEntry(e.getKey());
                copy.setTime(entry.source.getTime());
                byte[] bytes = entry.source.isDirectory() ? new byte[0] : read(file, entry.source, entry.jar);
                put(out, copy, bytes, storeClasses && e.getKey().endsWith(".class"));
            }
        } finally {
            if (file != null) {
                file.close();
            }
        }
        for (var s : services.entrySet()) {
            put(out, new ZipEntry(s.getKey()), s.getValue().toByteArray(), false);
        }
        out.finish();
    }

    /** Sets {@code entry} up to be written uncompressed: a stored entry needs its size and CRC before its bytes. */
    public static void markStored(ZipEntry entry, byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        entry.setCrc(crc.getValue());
    }

    private static void put(ZipOutputStream out, ZipEntry entry, byte[] bytes, boolean stored) throws IOException {
        if (stored || entry.isDirectory()) {
            markStored(entry, bytes);
        } else {
            entry.setMethod(ZipEntry.DEFLATED);
        }
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }

    /** Each copy ends with a line break, so the last provider of one file never runs into the next file's first. */
    private static void appendServiceFile(ByteArrayOutputStream merged, byte[] part) {
        merged.writeBytes(part);
        if (part.length > 0 && part[part.length - 1] != '\n') {
            merged.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static JarFile open(Path jar) throws IOException {
        try {
            // Not version-aware: every entry is seen under its stored name.
            return new JarFile(jar.toFile(), false, ZipFile.OPEN_READ, JarFile.baseVersion());
        } catch (ZipException e) {
            throw new IOException(jar + ": not a readable jar (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] read(JarFile file, ZipEntry entry, Path jar) throws IOException {
        try (InputStream in = file.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (ZipException e) {
            throw new IOException(jar + ": entry " + entry.getName() + " is corrupt (" + e.getMessage() + ")", e);
        }
    }

    private record Entry(Path jar, ZipEntry source) {
        boolean sameContentAs(ZipEntry other) {
            return source.getSize() == other.getSize() && source.getCrc() == other.getCrc();
        }
    }
}
