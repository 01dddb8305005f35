package dev.assocrec.packaging.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the custom-runtime package that need no JDK to link: layout, script, permissions, architectures. */
class CustomRuntimePackageTest {
    @TempDir
    Path dir;

    @Test
    void theAppJarHoldsTheRootButNotTheLibrariesOrNativesAndStoresItsClasses() throws Exception {
        Path task = dir.resolve("task");
        write(task.resolve("dev/assocrec/App.class"), "class");
        write(task.resolve("application.properties"), "k=v");
        write(task.resolve("META-INF/services/a.B"), "a.C");
        write(task.resolve("lib/function-libraries.jar"), "jar");
        write(task.resolve("native/onnxruntime/linux-x64/libonnxruntime.so"), "elf");

        CustomRuntimePackage.writeAppJar(task, task.resolve(CustomRuntimePackage.APP_JAR));

        try (JarFile jar = new JarFile(task.resolve(CustomRuntimePackage.APP_JAR).toFile())) {
            assertEquals(List.of("META-INF/services/a.B", "application.properties", "dev/assocrec/App.class"),
                    jar.stream().map(ZipEntry::getName).sorted().toList());
            assertEquals(ZipEntry.STORED, jar.getEntry("dev/assocrec/App.class").getMethod());
            assertArrayEquals("class".getBytes(StandardCharsets.UTF_8),
                    jar.getInputStream(jar.getEntry("dev/assocrec/App.class")).readAllBytes());
        }
        assertEquals(List.of(task.resolve(CustomRuntimePackage.APP_JAR), task.resolve("lib/function-libraries.jar")),
                CustomRuntimePackage.classPath(task), "the root's jar first, as Lambda puts the root before lib/");
    }

    @Test
    void theBootstrapStartsTheShippedJvmFromThePackageRootWithTheArchiveWhenPresent() {
        String script = CustomRuntimePackage.bootstrapScript("a.Main", List.of("app/function-app.jar", "lib/l.jar"));

        assertTrue(script.startsWith("#!/bin/sh\n"), script);
        assertTrue(script.contains("cd \"${LAMBDA_TASK_ROOT:-$(dirname \"$0\")}\" || exit 1"), script);
        assertTrue(script.contains("if [ -f function.jsa ]; then cds=-XX:SharedArchiveFile=function.jsa; else cds=; fi"), script);
        assertTrue(script.contains("exec ./runtime/bin/java $cds -XX:MaxRAMPercentage=85 -Xmn${young}m"
                + " -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp app/function-app.jar:lib/l.jar a.Main\n"), script);
    }

    @Test
    void theYoungGenerationHoldsTheStartUpsAllocationUpToAQuarterOfTheFunctionsMemory() throws Exception {
        Path task = dir.resolve("task");
        write(task.resolve("bootstrap"), CustomRuntimePackage.bootstrapScript("a.Main", List.of("app/a.jar")));
        write(task.resolve("runtime/bin/java"), "#!/bin/sh\necho \"$@\"\n"); // prints the options it is started with
        for (String f : List.of("bootstrap", "runtime/bin/java")) {
            Files.setPosixFilePermissions(task.resolve(f), PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        assertEquals("-Xmn200m", youngGenerationOption(task, "2048"));
        assertEquals("-Xmn200m", youngGenerationOption(task, null), "outside Lambda");
        assertEquals("-Xmn128m", youngGenerationOption(task, "512"));
    }

    private static String youngGenerationOption(Path task, String memoryMb) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(task.resolve("bootstrap").toString()).redirectErrorStream(true);
        pb.environment().put("LAMBDA_TASK_ROOT", task.toString());
        pb.environment().remove("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        if (memoryMb != null) {
            pb.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", memoryMb);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return java.util.Arrays.stream(out.strip().split(" ")).filter(o -> o.startsWith("-Xmn")).findFirst().orElse(out);
    }

    @Test
    void filesAddedToTheZipKeepTheirPermissionsThroughUnpackingAndTheOtherArchitecturesNativesGo() throws Exception {
        Path zip = dir.resolve("function.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("App.class", "native/onnxruntime/linux-x64/lib.so", "native/onnxruntime/linux-aarch64/lib.so")) {
                out.putNextEntry(new ZipEntry(name));
                out.write(1);
                out.closeEntry();
            }
        }
        Path task = dir.resolve("task");
        write(task.resolve("bootstrap"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(task.resolve("bootstrap"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write(task.resolve("runtime/bin/java"), "elf");
        Files.setPosixFilePermissions(task.resolve("runtime/bin/java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write(task.resolve("runtime/lib/modules"), "jimage");
        Files.setPosixFilePermissions(task.resolve("runtime/lib/modules"), PosixFilePermissions.fromString("rw-r--r--"));
        LambdaPackage.unpack(zip, dir.resolve("before"));

        CustomRuntimePackage.addToZip(zip, task, List.of("bootstrap", "runtime"),
                CustomRuntimePackage.otherArchitectureNatives(dir.resolve("before"), "x86_64"));
        Path unpacked = LambdaPackage.unpack(zip, dir.resolve("unpacked"));

        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(unpacked.resolve("bootstrap"))));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(unpacked.resolve("runtime/bin/java"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(unpacked.resolve("runtime/lib/modules"))));
        assertTrue(Files.isRegularFile(unpacked.resolve("App.class")), "what the package held stays");
        assertTrue(Files.isRegularFile(unpacked.resolve("native/onnxruntime/linux-x64/lib.so")));
        assertFalse(Files.exists(unpacked.resolve("native/onnxruntime/linux-aarch64")), "an x86_64 runtime needs no arm64 natives");
    }

    @Test
    void lambdaNamesTheArchitecturesX8664AndArm64AndRunsNoOther() {
        assertEquals("x86_64", CustomRuntimePackage.lambdaArchitecture("amd64"));
        assertEquals("arm64", CustomRuntimePackage.lambdaArchitecture("aarch64"));
        assertThrows(IllegalStateException.class, () -> CustomRuntimePackage.lambdaArchitecture("ppc64le"));
    }

    @Test
    void aJdkWithoutJmodsCannotLinkAndSaysSo() throws Exception {
        Path jdk = dir.resolve("jdk");
        write(jdk.resolve("bin/jlink"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(jdk.resolve("bin/jlink"), PosixFilePermissions.fromString("rwxr-xr-x"));

        assertEquals(jdk + " has no jmods/ (a JDK whose packaged modules were left out cannot link a runtime on Java 17)",
                CustomRuntimePackage.cannotLink(jdk));
        write(jdk.resolve("jmods/java.base.jmod"), "jmod");
        assertNull(CustomRuntimePackage.cannotLink(jdk));
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
