package dev.assocrec.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds the jars and packages the tests merge. */
final class Jars {
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private boolean multiRelease;

    static Jars jar() {
        return new Jars();
    }

    Jars text(String name, String content) {
        entries.put(name, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    Jars bytes(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    /** The compiled bytes of a test class, under its own name or another. */
    Jars classOf(Class<?> type, String asName) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            return bytes(asName == null ? resource : asName, in.readAllBytes());
        }
    }

    Jars multiRelease() {
        this.multiRelease = true;
        return this;
    }

    Path writeTo(Path file) throws IOException {
        Files.write(file, toBytes());
        return file;
    }

    byte[] toBytes() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (multiRelease) {
            manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        var buffer = new java.io.ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(buffer, manifest)) {
            write(out, entries);
        }
        return buffer.toByteArray();
    }

    /** A zip (not a jar: no manifest) of the given entries, e.g. a function.zip. */
    static void zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream out = new ZipOutputStream(os)) {
            write(out, entries);
        }
    }

    private static void write(ZipOutputStream out, Map<String, byte[]> entries) throws IOException {
        for (var e : entries.entrySet()) {
            out.putNextEntry(new ZipEntry(e.getKey()));
            out.write(e.getValue());
            out.closeEntry();
        }
    }
}
