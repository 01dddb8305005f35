package dev.assocrec.functions;

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
 * unzipped-size limit and carry ONNX Runtime natives for Linux only (in whichever library jar holds them:
 * the build merges lib/*.jar into one, {@code PackagedFunctionIT} shows that package serving).
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
    void onnxRuntimeShipsLinuxNativesOnly() throws IOException {
        List<String> natives = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                    try (InputStream in = zip.getInputStream(entry); ZipInputStream jar = new ZipInputStream(in)) {
                        for (ZipEntry n; (n = jar.getNextEntry()) != null; ) {
                            if (n.getName().startsWith("ai/onnxruntime/native/") && !n.isDirectory()) {
                                natives.add(n.getName());
                            }
                        }
                    }
                }
            }
        }
        System.out.println("ONNX Runtime natives in function.zip: " + natives);
        assertTrue(natives.contains("ai/onnxruntime/native/linux-x64/libonnxruntime.so"), "linux-x64 runtime missing: " + natives);
        assertTrue(natives.contains("ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so"), "linux-x64 JNI missing: " + natives);
        assertFalse(natives.stream().anyMatch(n -> n.contains("/osx-") || n.contains("/win-")),
                "non-Linux natives shipped: " + natives);
    }
}
