package dev.assocrec.training.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EngineCheckTest {

    @Test
    void reportsTheEngineItLoadedAndTheProbeResult() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = EngineCheck.check(false, print(out), print(new ByteArrayOutputStream()));
        assertEquals(EngineCheck.READY, code);
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.startsWith("engine: PyTorch 2.7.1 "), report);
        assertTrue(report.contains("probe=12.0"), "0+2+4+6 computed on the device: " + report);
    }

    @Test
    void requiringAGpuFailsExactlyWhenNoneIsVisible() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EngineCheck.check(true, print(new ByteArrayOutputStream()), print(err));
        boolean hasGpu = Engine.getEngine("PyTorch").getGpuCount() > 0;
        assertEquals(hasGpu ? EngineCheck.READY : EngineCheck.NO_GPU, code);
        if (!hasGpu) {
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("no GPU visible"));
        }
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
