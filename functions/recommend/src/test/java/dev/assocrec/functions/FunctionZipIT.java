package dev.assocrec.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package} (failsafe): the Lambda deployment package must stay under Lambda's
 * unzipped-size limit and carry ONNX Runtime natives for Linux only, once: unpacked beside the app (the build
 * moves them out of the merged library jar; {@code PackagedFunctionIT} and {@code CustomRuntimeIT} show the
 * package serving with them).
 */
class FunctionZipIT {
    private static final Path ZIP = Path.of(System.getProperty("function.zip", "target/function.zip"));
    private static final long LIMIT = Long.getLong("lambda.max.unzipped.bytes", 250L * 1024 * 1024);

    @Test
    void deploymentPackageFitsLambdaLimit() throws IOException {
        assertTrue(Files.isRegularFile(ZIP), ZIP + " was not built");
        long unzipped = 0;
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                unzipped += e.nextElement().getSize();
            }
        }
        System.out.printf("function.zip: %d bytes zipped, %d bytes unzipped (limit %d)%n", Files.size(ZIP), unzipped, LIMIT);
        assertTrue(unzipped <= LIMIT, "function.zip unzips to " + unzipped + " bytes, over Lambda's " + LIMIT);
    }

    @Test
    void onnxRuntimeNativesAreStoredOnceUnpackedForLinuxOnly() throws IOException {
        List<String> inJars = new ArrayList<>();
        List<String> unpacked = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().startsWith(UnpackedNatives.FOLDER) && !entry.isDirectory()) {
                    unpacked.add(entry.getName());
                }
                if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                    try (InputStream in = zip.getInputStream(entry); ZipInputStream jar = new ZipInputStream(in)) {
                        for (ZipEntry n; (n = jar.getNextEntry()) != null; ) {
                            if (n.getName().startsWith("ai/onnxruntime/native/") && !n.isDirectory()) {
                                inJars.add(entry.getName() + "!" + n.getName());
                            }
                        }
                    }
                }
            }
        }
        System.out.println("ONNX Runtime natives in function.zip: " + unpacked);
        // UnpackedNatives points ONNX Runtime at the unpacked copy, so a copy in the library jar would be dead weight.
        assertEquals(List.of(), inJars, "natives left in the library jar");
        String platform = "aarch64".equals(System.getProperty("os.arch")) ? "linux-aarch64" : "linux-x64";
        for (String library : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so")) {
            assertTrue(unpacked.contains(UnpackedNatives.FOLDER + platform + "/" + library),
                    "the build machine's " + platform + " " + library + " missing: " + unpacked);
        }
        assertFalse(unpacked.stream().anyMatch(n -> !n.startsWith(UnpackedNatives.FOLDER + "linux-")),
                "non-Linux natives shipped: " + unpacked);
    }
}
