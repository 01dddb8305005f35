package dev.assocrec.training.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code training/container/entrypoint.sh} as the container would: a separate process with
 * only the environment given, the app on the class path of this build instead of /opt/assocrec.
 */
final class EntrypointProcess {
    record Result(int exitCode, String output) {
        List<String> entrypointLines() {
            return output.lines().filter(l -> l.startsWith("assocrec-train: ")).toList();
        }

        String lastEntrypointLine() {
            List<String> lines = entrypointLines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("assocrec.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path script() {
        return repoRoot().resolve("training/container/entrypoint.sh");
    }

    static Result run(Map<String, String> env, List<String> args, Path workDir, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("ASSOCREC_") || k.startsWith("AWS_") || k.startsWith("PYTORCH_"));
        environment.put("ASSOCREC_CLASSPATH", testClassPath());
        environment.put("JAVA_OPTS", "-Xmx2g");
        environment.putAll(env);
        Path log = Files.createTempFile(workDir, "entrypoint", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("entrypoint still running after " + timeoutSeconds + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The class path of this test run: the app's classes and every dependency, as in the image's lib/. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private EntrypointProcess() {}
}
