package dev.assocrec.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a Lambda deployment package so that its {@code lib/*.jar} become one jar. Lambda's Java runtime
 * puts the package root and then every {@code lib/*.jar}, in lexical order of their names, on one class
 * loader, which looks each class up jar by jar: with ~150 jars a cold start spends a measurable share of its
 * class loading on lookups. The merged jar resolves every name as that class path did ({@link LibraryJarMerger}).
 * Everything else in the package is copied unchanged. The new package is written beside the old one and
 * moved over it, so a failed run leaves the package Quarkus built.
 */
public final class FunctionZipRewriter {
    /** Lambda's CustomerClassLoader adds lib/*.jar sorted by name, independent of the file system. */
    static final Comparator<String> LAMBDA_JAR_ORDER = Comparator.naturalOrder();

    public record Result(boolean rewritten, int jarsBefore, LibraryJarMerger.Summary merge, List<String> unpacked) {}

    /**
     * Files under {@code jarPrefix} in the library jars are written, unpacked, under {@code packageFolder} of the
     * package (the first jar holding a name wins) instead of into the merged jar, e.g. native libraries that a library
     * would otherwise copy out of its jar into a temporary file on every cold start: the package stores them once.
     * Whatever loads them must then be pointed at the package folder (for ONNX Runtime, {@code UnpackedNatives}).
     */
    public record Unpack(String jarPrefix, String packageFolder) {
        public Unpack {
            if (!jarPrefix.endsWith("/") || !packageFolder.endsWith("/") || packageFolder.startsWith("/")
                    || packageFolder.contains("..") || packageFolder.startsWith("lib/")) {
                throw new IllegalArgumentException("unpack needs <folder in the jars>/=<relative folder of the package, not in lib/>/: '"
                        + jarPrefix + "=" + packageFolder + "'");
            }
        }
    }

    private final LibraryJarMerger merger;

    public FunctionZipRewriter(LibraryJarMerger merger) {
        this.merger = merger;
    }

    public Result mergeLibraries(Path functionZip, String mergedJarName, List<Unpack> unpacks) throws IOException {
        if (!Files.isRegularFile(functionZip)) {
            throw new IOException(functionZip + ": no such file (run the Quarkus build first)");
        }
        Path work = Files.createTempDirectory(functionZip.toAbsolutePath().getParent(), ".merge-libraries-");
        Path rewritten = work.resolve("function.zip");
        try (ZipFile zip = new ZipFile(functionZip.toFile())) {
            List<ZipEntry> libraries = zip.stream().map(e -> (ZipEntry) e).filter(FunctionZipRewriter::isLibraryJar)
                    .sorted(Comparator.comparing(e -> e.getName().substring("lib/".length()), LAMBDA_JAR_ORDER))
                    .toList();
            if (libraries.size() <= 1) {
                return new Result(false, libraries.size(), null, List.of());
            }
            List<Path> jars = new ArrayList<>();
            for (ZipEntry library : libraries) {
                Path jar = work.resolve(library.getName().substring("lib/".length()));
                try (InputStream in = zip.getInputStream(library)) {
                    Files.copy(in, jar);
                }
                jars.add(jar);
            }
            LibraryJarMerger.Summary summary;
            List<String> unpacked;
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
                for (ZipEntry entry : zip.stream().filter(e -> !isLibraryJar(e)).map(e -> (ZipEntry) e).toList()) {
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
                ZipEntry merged = new ZipEntry("lib/" + mergedJarName);
                merged.setTime(libraries.get(0).getTime());
                out.putNextEntry(merged);
                summary = merger.merge(jars, out,
                        name -> unpacks.stream().anyMatch(u -> name.startsWith(u.jarPrefix())));
                out.closeEntry();
                unpacked = unpack(jars, unpacks, out);
            }
            Files.move(rewritten, functionZip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Result(true, libraries.size(), summary, unpacked);
        } finally {
            deleteTree(work);
        }
    }

    private static List<String> unpack(List<Path> jars, List<Unpack> unpacks, ZipOutputStream out) throws IOException {
        List<String> written = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path jar : jars) {
            try (ZipFile file = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : file.stream().filter(e -> !e.isDirectory()).map(e -> (ZipEntry) e).toList()) {
                    for (Unpack unpack : unpacks) {
                        if (!entry.getName().startsWith(unpack.jarPrefix())) {
                            continue;
                        }
                        String name = unpack.packageFolder() + entry.getName().substring(unpack.jarPrefix().length());
                        if (seen.add(name)) {
                            ZipEntry copy = new ZipEntry(name);
                            copy.setTime(entry.getTime());
                            out.putNextEntry(copy);
                            try (InputStream in = file.getInputStream(entry)) {
                                in.transferTo(out);
                            }
                            out.closeEntry();
                            written.add(name);
                        }
                    }
                }
            }
        }
        return written;
    }

    /** A jar directly in lib/, as Lambda's runtime picks them (it does not descend into sub-folders). */
    static boolean isLibraryJar(ZipEntry entry) {
        String name = entry.getName();
        return !entry.isDirectory() && name.startsWith("lib/") && name.endsWith(".jar") && name.indexOf('/', 4) < 0;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
