package dev.assocrec.contract.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.EventType;
import dev.assocrec.contract.PoolingConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported model passes the reference ONNX checker with full shape inference, external data
 * included. Uses Debian's python3-onnx (the onnx release our IR/opset choice targets) at
 * /usr/bin/python3 explicitly, since another python3 may come first on PATH.
 */
class OnnxCheckerTest {
    private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void exportedModelPassesTheFullOnnxCheck() throws Exception {
        assertPassesTheFullCheck(writeVersion(PoolingConfig.defaultWeighted()));
    }

    @Test
    void exportedAttentionModelPassesTheFullOnnxCheck() throws Exception {
        PoolingConfig seed = PoolingConfig.attentionFrom(PoolingConfig.defaultWeighted(), 8);
        assertPassesTheFullCheck(writeVersion(seed.withAttention(new PoolingConfig.Attention(
                List.of(0.5, -1.0, 2.0, 0.0, 0.25, 1.5, -0.75, 3.0), Map.of(EventType.PURCHASE, 1.2), -0.1, 86_400))));
    }

    private static void assertPassesTheFullCheck(Path version) throws Exception {
        assumeTrue(Files.isExecutable(SYSTEM_PYTHON), "skipped: " + SYSTEM_PYTHON + " not found");
        Result probe = run(List.of(SYSTEM_PYTHON.toString(), "-c", "import onnx; print(onnx.__version__)"));
        assumeTrue(probe.exitCode == 0, "skipped: " + SYSTEM_PYTHON
                + " has no onnx module (apt-get install python3-onnx): " + probe.output.strip());

        Result check = run(List.of(SYSTEM_PYTHON.toString(), "-c",
                "import sys, onnx; onnx.checker.check_model(sys.argv[1], full_check=True); print('ok')",
                version.resolve(ArtifactLayout.MODEL_ONNX).toString()));
        assertEquals(0, check.exitCode, "onnx checker (onnx " + probe.output.strip() + ") rejected the model:\n" + check.output);
    }

    @Test
    void checkerNoticesAMissingTableFile() throws Exception {
        assumeTrue(Files.isExecutable(SYSTEM_PYTHON), "skipped: " + SYSTEM_PYTHON + " not found");
        assumeTrue(run(List.of(SYSTEM_PYTHON.toString(), "-c", "import onnx")).exitCode == 0,
                "skipped: " + SYSTEM_PYTHON + " has no onnx module (apt-get install python3-onnx)");
        // Without the target table the check must fail: proves it really resolves the external data.
        Path version = writeVersion(PoolingConfig.defaultWeighted());
        Files.delete(version.resolve(ArtifactLayout.TARGET_TABLE));
        Result check = run(List.of(SYSTEM_PYTHON.toString(), "-c",
                "import sys, onnx; onnx.checker.check_model(sys.argv[1], full_check=True)",
                version.resolve(ArtifactLayout.MODEL_ONNX).toString()));
        assertEquals(true, check.exitCode != 0 && check.output.contains(ArtifactLayout.TARGET_TABLE),
                "expected the checker to reject the missing " + ArtifactLayout.TARGET_TABLE + ", got:\n" + check.output);
    }

    private Path writeVersion(PoolingConfig pooling) throws IOException {
        Random rng = new Random(3);
        return ModelVersionWriter.write(dir.resolve("v1"),
                VersionTables.of(RandomTables.gaussian(50, 8, rng), RandomTables.gaussian(50, 8, rng), pooling),
                RandomTables.catalog(50), new ModelVersionWriter.VersionInfo("v1", Instant.now(), null, null, null)).dir();
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(p.exitValue(), out);
    }
}
