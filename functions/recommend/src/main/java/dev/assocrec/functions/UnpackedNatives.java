package dev.assocrec.functions;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Locale;
import java.util.Optional;

/**
 * Points ONNX Runtime at the native libraries that the deployment package ships unpacked
 * ({@value #FOLDER}{@code <os>-<arch>/}, written by the build's packaging step), so that a cold start loads
 * them where they lie instead of copying ~20 MB out of a jar into {@code /tmp} first (~0.1 s here). The
 * package's library jar holds no copy (functions/packaging stores them once), so this is the only place ONNX
 * Runtime finds them there: a package without this platform's folder (a zip built for the other architecture)
 * still gets the property, and ONNX Runtime's error names the missing file instead of its class path search.
 * Outside such a package (tests, dev mode, the runner jar) nothing changes: ONNX Runtime extracts its natives
 * from its jar as usual. An explicitly set {@value #PROPERTY} is left alone.
 */
public final class UnpackedNatives {
    static final String PROPERTY = "onnxruntime.native.path";
    static final String FOLDER = "native/onnxruntime/";
    private static final String[] LIBRARIES = {"libonnxruntime.so", "libonnxruntime4j_jni.so"};

    private UnpackedNatives() {}

    /** Sets {@value #PROPERTY} when the package this class was loaded from holds the natives for this platform. */
    public static void useIfPackaged() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        packageRoot().flatMap(root -> folder(root, System.getProperty("os.name"), System.getProperty("os.arch")))
                .ifPresent(folder -> System.setProperty(PROPERTY, folder.toString()));
    }

    /**
     * This platform's folder of the package's natives, if the package has unpacked natives at all (whether or not
     * that folder holds them: see the class comment); empty outside Linux x64/aarch64.
     */
    static Optional<Path> folder(Path packageRoot, String osName, String osArch) {
        if (osName == null || !osName.toLowerCase(Locale.ROOT).contains("linux") || osArch == null) {
            return Optional.empty();
        }
        String platform = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64" -> "linux-aarch64";
            default -> null;
        };
        if (platform == null) {
            return Optional.empty();
        }
        return Files.isDirectory(packageRoot.resolve(FOLDER)) ? Optional.of(packageRoot.resolve(FOLDER + platform).toAbsolutePath())
                : Optional.empty();
    }

    /** Whether {@code folder} holds every library ONNX Runtime loads. */
    static boolean complete(Path folder) {
        for (String library : LIBRARIES) {
            if (!Files.isRegularFile(folder.resolve(library))) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Path> packageRoot() {
        CodeSource source = UnpackedNatives.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return Optional.empty();
        }
        try {
            return packageRoot(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The package root, given where this class was loaded from: on the managed runtime the handler's classes sit at
     * the root of the unpacked package ({@code /var/task}); on the custom runtime they are in {@code app/function-app.jar}
     * under it (functions/packaging, {@code CustomRuntimePackage}).
     */
    static Optional<Path> packageRoot(Path codeSource) {
        if (Files.isDirectory(codeSource)) {
            return Optional.of(codeSource);
        }
        Path folder = codeSource.getParent();
        return folder == null || folder.getParent() == null || !Files.isRegularFile(codeSource) ? Optional.empty()
                : Optional.of(folder.getParent());
    }
}
