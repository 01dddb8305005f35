package dev.assocrec.packaging;

import static dev.assocrec.packaging.Jars.jar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.packaging.fixture.English;
import dev.assocrec.packaging.fixture.French;
import dev.assocrec.packaging.fixture.Greeting;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryJarMergerTest {
    private static final String ENGLISH = "dev/assocrec/packaging/fixture/English.class";
    private static final String SERVICE = "META-INF/services/" + Greeting.class.getName();

    @TempDir
    Path dir;

    private LibraryJarMerger.Summary merge(Path target, Path... jars) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            return new LibraryJarMerger(true).merge(List.of(jars), out);
        }
    }

    @Test
    void mergedJarLoadsClassesAndEveryServiceProviderAsTheClassPathDid() throws Exception {
        Path a = jar().classOf(Greeting.class, null).classOf(English.class, null)
                .text(SERVICE, English.class.getName()).writeTo(dir.resolve("a.jar")); // no final line break
        Path b = jar().classOf(French.class, null).text(SERVICE, "# French\n" + French.class.getName() + "\n")
                .writeTo(dir.resolve("b.jar"));
        Path merged = dir.resolve("merged.jar");

        var summary = merge(merged, a, b);

        assertEquals(1, summary.servicesConcatenated());
        List<String> greetings = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {merged.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> greeting = loader.loadClass(Greeting.class.getName());
            assertEquals(loader, greeting.getClassLoader(), "loaded from the merged jar");
            for (Object provider : ServiceLoader.load(greeting, loader)) {
                greetings.add((String) greeting.getMethod("greet").invoke(provider));
            }
        }
        assertEquals(List.of("hello", "bonjour"), greetings);
    }

    @Test
    void theFirstJarHoldingANameWinsAndDifferentLaterCopiesAreReported() throws Exception {
        Path a = jar().text("config/app.properties", "from=a").text("same.txt", "x").writeTo(dir.resolve("a.jar"));
        Path b = jar().text("config/app.properties", "from=b").text("same.txt", "x").text("only-b.txt", "b")
                .writeTo(dir.resolve("b.jar"));
        Path merged = dir.resolve("merged.jar");

        var summary = merge(merged, a, b);

        assertEquals("from=a", read(merged, "config/app.properties"));
        assertEquals("b", read(merged, "only-b.txt"));
        assertEquals(List.of("config/app.properties (kept a.jar, dropped b.jar)"), summary.shadowed(),
                "identical copies are not reported, different ones are");
    }

    @Test
    void perJarMetadataIsDroppedAndClassesAreStored() throws Exception {
        Path a = jar().classOf(English.class, null).text("META-INF/INDEX.LIST", "JarIndex-Version: 1.0\n")
                .text("META-INF/SIGNER.SF", "sig").text("META-INF/SIGNER.RSA", "sig").bytes("module-info.class", new byte[] {1})
                .text("notes.txt", "kept").writeTo(dir.resolve("a.jar"));
        Path merged = dir.resolve("merged.jar");

        merge(merged, a);

        try (ZipFile zip = new ZipFile(merged.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertEquals(List.of(JarFile.MANIFEST_NAME, ENGLISH, "notes.txt"), names);
            assertEquals(ZipEntry.STORED, zip.getEntry(ENGLISH).getMethod());
            assertEquals(ZipEntry.DEFLATED, zip.getEntry("notes.txt").getMethod());
        }
        try (JarFile jar = new JarFile(merged.toFile())) {
            assertEquals("assocrec function-packaging", jar.getManifest().getMainAttributes().getValue("Created-By"));
            assertNull(jar.getManifest().getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE));
        }
    }

    @Test
    void versionedEntriesResolveAsOnTheClassPath() throws Exception {
        Path a = jar().multiRelease().text("p/R.txt", "base-a").text("META-INF/versions/11/p/R.txt", "v11-a")
                .bytes("META-INF/versions/9/module-info.class", new byte[] {1}).writeTo(dir.resolve("a.jar"));
        // Not Multi-Release: its versioned entry was never visible and must not become visible.
        Path b = jar().text("q/S.txt", "base-b").text("META-INF/versions/11/q/S.txt", "v11-b").writeTo(dir.resolve("b.jar"));
        // Multi-Release, but b.jar already answers q/S.txt on the class path.
        Path c = jar().multiRelease().text("META-INF/versions/11/q/S.txt", "v11-c").writeTo(dir.resolve("c.jar"));
        Path merged = dir.resolve("merged.jar");

        var summary = merge(merged, a, b, c);

        assertTrue(summary.multiRelease());
        try (JarFile jar = new JarFile(merged.toFile(), true, ZipFile.OPEN_READ, Runtime.version())) {
            assertTrue(jar.isMultiRelease());
            assertEquals("v11-a", text(jar, "p/R.txt"));
            assertEquals("base-b", text(jar, "q/S.txt"));
            assertNull(jar.getEntry("META-INF/versions/9/module-info.class"));
        }
        try (JarFile jar = new JarFile(merged.toFile(), true, ZipFile.OPEN_READ, JarFile.baseVersion())) {
            assertEquals("base-a", text(jar, "p/R.txt"));
        }
    }

    @Test
    void anUnreadableJarIsNamed() throws Exception {
        Path good = jar().text("a.txt", "a").writeTo(dir.resolve("good.jar"));
        Path broken = Files.write(dir.resolve("broken.jar"), "not a zip".getBytes(StandardCharsets.UTF_8));

        IOException e = assertThrows(IOException.class, () -> merge(dir.resolve("merged.jar"), good, broken));
        assertTrue(e.getMessage().contains("broken.jar"), e.getMessage());
        assertFalse(e.getMessage().contains("good.jar"), e.getMessage());
    }

    private static String read(Path jarFile, String name) throws IOException {
        try (JarFile jar = new JarFile(jarFile.toFile())) {
            return text(jar, name);
        }
    }

    private static String text(JarFile jar, String name) throws IOException {
        ZipEntry entry = jar.getJarEntry(name);
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
