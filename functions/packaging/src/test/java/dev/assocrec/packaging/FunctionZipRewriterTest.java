package dev.assocrec.packaging;

import static dev.assocrec.packaging.Jars.jar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.packaging.fixture.English;
import dev.assocrec.packaging.fixture.Greeting;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionZipRewriterTest {
    @TempDir
    Path dir;

    private final FunctionZipRewriter rewriter = new FunctionZipRewriter(new LibraryJarMerger(true));

    @Test
    void libraryJarsBecomeOneJarThatResolvesInLambdasOrderAndTheRestIsUnchanged() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("application.properties", utf8("k=v"));
        entries.put("dev/assocrec/App.class", new byte[] {(byte) 0xCA, (byte) 0xFE});
        // Written out of order on purpose: Lambda sorts lib/*.jar by name, so a-api.jar comes first.
        entries.put("lib/b-impl.jar", jar().classOf(English.class, null).text("version.txt", "b").toBytes());
        entries.put("lib/a-api.jar", jar().classOf(Greeting.class, null).text("version.txt", "a").toBytes());
        entries.put("lib/native/not-a-library.jar", utf8("Lambda does not load jars in sub-folders"));
        Path zip = dir.resolve("function.zip");
        Jars.zip(zip, entries);

        var result = rewriter.mergeLibraries(zip, "function-libraries.jar", List.of());

        assertTrue(result.rewritten());
        assertEquals(2, result.jarsBefore());
        List<String> names = new ArrayList<>();
        Path task = dir.resolve("task");
        try (ZipFile rewritten = new ZipFile(zip.toFile())) {
            for (ZipEntry e : rewritten.stream().toList()) {
                names.add(e.getName());
                Path out = task.resolve(e.getName());
                Files.createDirectories(out.getParent());
                try (InputStream in = rewritten.getInputStream(e)) {
                    Files.copy(in, out);
                }
            }
        }
        assertEquals(List.of("application.properties", "dev/assocrec/App.class", "lib/native/not-a-library.jar",
                "lib/function-libraries.jar"), names);
        for (String unchanged : List.of("application.properties", "dev/assocrec/App.class", "lib/native/not-a-library.jar")) {
            assertArrayEquals(entries.get(unchanged), Files.readAllBytes(task.resolve(unchanged)), unchanged);
        }
        Path merged = task.resolve("lib/function-libraries.jar");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {merged.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> english = loader.loadClass(English.class.getName());
            assertEquals("hello", english.getMethod("greet").invoke(english.getDeclaredConstructor().newInstance()));
            try (InputStream in = loader.getResourceAsStream("version.txt")) {
                assertEquals("a", new String(in.readAllBytes(), StandardCharsets.UTF_8), "first jar in Lambda's order wins");
            }
        }
        assertNoLeftovers();
    }

    @Test
    void filesUnderAnUnpackFolderAreWrittenUnpackedIntoThePackageAndLeftOutOfTheMergedJar() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("lib/b.jar", jar().text("ai/native/linux-x64/libx.so", "B-x64").text("ai/native/linux-aarch64/libx.so", "B-arm")
                .toBytes());
        entries.put("lib/a.jar", jar().text("ai/native/linux-x64/libx.so", "A-x64").text("ai/other.txt", "o").toBytes());
        Path zip = dir.resolve("function.zip");
        Jars.zip(zip, entries);

        var result = rewriter.mergeLibraries(zip, "function-libraries.jar",
                List.of(new FunctionZipRewriter.Unpack("ai/native/", "native/ort/")));

        assertEquals(List.of("native/ort/linux-x64/libx.so", "native/ort/linux-aarch64/libx.so"), result.unpacked());
        Path merged = dir.resolve("merged.jar");
        try (ZipFile rewritten = new ZipFile(zip.toFile())) {
            assertEquals("A-x64", text(rewritten, "native/ort/linux-x64/libx.so"), "the class path's first copy");
            assertEquals("B-arm", text(rewritten, "native/ort/linux-aarch64/libx.so"));
            try (InputStream in = rewritten.getInputStream(rewritten.getEntry("lib/function-libraries.jar"))) {
                Files.copy(in, merged);
            }
        }
        try (ZipFile jar = new ZipFile(merged.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertTrue(names.contains("ai/other.txt"), "files outside the folder stay in the jar: " + names);
            assertEquals(List.of(), names.stream().filter(n -> n.startsWith("ai/native")).toList(),
                    "the package stores the unpacked files once");
        }
        assertEquals(2, result.merge().leftOut(), "the x64 library (first copy counted once) and the arm64 one");
        assertEquals("A-x64".length() + "B-arm".length(), result.merge().leftOutBytes());
        assertThrows(IllegalArgumentException.class, () -> new FunctionZipRewriter.Unpack("ai/native/", "../outside/"));
        assertThrows(IllegalArgumentException.class, () -> new FunctionZipRewriter.Unpack("ai/native", "native/"));
    }

    private static String text(ZipFile zip, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aFailedMergeLeavesThePackageAsItWas() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("lib/a.jar", jar().text("a.txt", "a").toBytes());
        entries.put("lib/b.jar", utf8("truncated download"));
        Path zip = dir.resolve("function.zip");
        Jars.zip(zip, entries);
        byte[] before = Files.readAllBytes(zip);

        IOException e = assertThrows(IOException.class, () -> rewriter.mergeLibraries(zip, "function-libraries.jar", List.of()));

        assertTrue(e.getMessage().contains("b.jar"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(zip));
        assertNoLeftovers();
    }

    @Test
    void aPackageWithOneLibraryJarIsLeftAlone() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("lib/function-libraries.jar", jar().text("a.txt", "a").toBytes());
        Path zip = dir.resolve("function.zip");
        Jars.zip(zip, entries);
        byte[] before = Files.readAllBytes(zip);

        assertFalse(rewriter.mergeLibraries(zip, "function-libraries.jar", List.of()).rewritten());
        assertArrayEquals(before, Files.readAllBytes(zip));
    }

    @Test
    void aMissingPackageIsNamed() {
        Path zip = dir.resolve("target/function.zip");
        IOException e = assertThrows(IOException.class, () -> rewriter.mergeLibraries(zip, "function-libraries.jar", List.of()));
        assertTrue(e.getMessage().startsWith(zip.toString()), e.getMessage());
    }

    private void assertNoLeftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith(".merge-libraries-")).toList());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
