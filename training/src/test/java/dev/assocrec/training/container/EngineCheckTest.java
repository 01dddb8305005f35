package dev.assocrec.training.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The real PyTorch engine is loaded and probed; the GPU count the verdict depends on is given, so both verdicts run on any machine. */
class EngineCheckTest {
    private static final Supplier<Engine> PYTORCH = () -> Engine.getEngine("PyTorch");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void reportsTheEngineItLoadedAndTheProbeResult() {
        int code = EngineCheck.check(PYTORCH, engine -> 0, false, print(out), print(err));
        assertEquals(EngineCheck.READY, code);
        String report = text(out);
        assertTrue(report.startsWith("engine: PyTorch 2.7.1 "), report);
        assertTrue(report.contains(" gpus=0 "), report);
        assertTrue(report.contains("probe=12.0"), "0+2+4+6 computed on the device: " + report);
        assertEquals("", text(err));
    }

    @Test
    void requiringAGpuStopsAJobThatSeesNone() {
        int code = EngineCheck.check(PYTORCH, engine -> 0, true, print(out), print(err));
        assertEquals(EngineCheck.NO_GPU, code);
        assertTrue(text(err).startsWith("engine: no GPU visible (gpus=0) but this image requires one (without it the job would train on the CPU);"), text(err));
        assertTrue(text(out).startsWith("engine: PyTorch"), "the engine line is logged first: " + text(out));
    }

    @Test
    void requiringAGpuPassesWhenOneIsVisible() {
        int code = EngineCheck.check(PYTORCH, engine -> 1, true, print(out), print(err));
        assertEquals(EngineCheck.READY, code);
        assertTrue(text(out).contains(" gpus=1 "), text(out));
        assertEquals("", text(err));
    }

    @Test
    void anEngineThatFailsToLoadIsExitOneWithTheCause() {
        Supplier<Engine> broken = () -> {
            throw new UnsatisfiedLinkError("libtorch_cuda.so: cannot open shared object file");
        };
        int code = EngineCheck.check(broken, engine -> 1, true, print(out), print(err));
        assertEquals(EngineCheck.ENGINE_FAILED, code);
        assertEquals("engine: PyTorch failed to load: java.lang.UnsatisfiedLinkError: "
                + "libtorch_cuda.so: cannot open shared object file", text(err).strip());
        assertEquals("", text(out));
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
