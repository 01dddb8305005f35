package dev.assocrec.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackedNativesTest {
    @TempDir
    Path root;

    private Path platform(String name, String... libraries) throws Exception {
        Path folder = Files.createDirectories(root.resolve(UnpackedNatives.FOLDER + name));
        for (String library : libraries) {
            Files.writeString(folder.resolve(library), "elf");
        }
        return folder.toAbsolutePath();
    }

    @Test
    void theFolderOfThisPlatformIsChosen() throws Exception {
        Path x64 = platform("linux-x64", "libonnxruntime.so", "libonnxruntime4j_jni.so");
        Path arm = platform("linux-aarch64", "libonnxruntime.so", "libonnxruntime4j_jni.so");

        assertEquals(Optional.of(x64), UnpackedNatives.folder(root, "Linux", "amd64"));
        assertEquals(Optional.of(x64), UnpackedNatives.folder(root, "Linux", "x86_64"));
        assertEquals(Optional.of(arm), UnpackedNatives.folder(root, "Linux", "aarch64"));
        assertTrue(UnpackedNatives.complete(x64));
    }

    @Test
    void aPackageWithoutThisPlatformsLibrariesStillNamesTheirFolderSoThatOnnxRuntimeSaysWhatIsMissing() throws Exception {
        Path x64 = platform("linux-x64", "libonnxruntime.so"); // the JNI library is missing

        assertEquals(Optional.of(x64), UnpackedNatives.folder(root, "Linux", "amd64"));
        assertFalse(UnpackedNatives.complete(x64));
        assertEquals(Optional.of(root.resolve(UnpackedNatives.FOLDER + "linux-aarch64").toAbsolutePath()),
                UnpackedNatives.folder(root, "Linux", "aarch64"), "an x86_64 package started on arm64");
    }

    @Test
    void outsideAPackageWithNativesOrOnAnotherPlatformOnnxRuntimeKeepsItsOwnLookup() throws Exception {
        assertEquals(Optional.empty(), UnpackedNatives.folder(root, "Linux", "amd64"), "no native/onnxruntime/ folder");
        platform("linux-x64", "libonnxruntime.so", "libonnxruntime4j_jni.so");
        assertEquals(Optional.empty(), UnpackedNatives.folder(root, "Mac OS X", "aarch64"));
        assertEquals(Optional.empty(), UnpackedNatives.folder(root, "Linux", "ppc64le"));
    }

    @Test
    void thePackageRootIsTheClassFolderOrTheFolderAboveTheCustomRuntimesAppJar() throws Exception {
        Path jar = Files.createDirectories(root.resolve("app")).resolve("function-app.jar");
        Files.writeString(jar, "jar");

        assertEquals(Optional.of(root), UnpackedNatives.packageRoot(root), "managed runtime: classes at the root");
        assertEquals(Optional.of(root), UnpackedNatives.packageRoot(jar), "custom runtime: app/function-app.jar");
        assertEquals(Optional.empty(), UnpackedNatives.packageRoot(root.resolve("app/missing.jar")));
    }
}
