package dev.assocrec.training.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point's own decisions: configuration errors are exit 2, engine trouble is exit 1. */
class EntrypointConfigurationTest {
    @TempDir
    Path work;

    @Test
    void missingEventsIsBadInput() throws Exception {
        var result = EntrypointProcess.run(Map.of("ASSOCREC_STORE", "s3://bucket"), List.of(), work, 30);
        assertEquals(2, result.exitCode(), result.output());
        assertEquals("assocrec-train: FAILED step=configure exit=2: ASSOCREC_EVENTS is not set"
                + " (the events to train on, e.g. s3://bucket/events/)", result.lastEntrypointLine());
    }

    @Test
    void missingStoreIsBadInput() throws Exception {
        var result = EntrypointProcess.run(Map.of("ASSOCREC_EVENTS", "s3://bucket/events/"), List.of(), work, 30);
        assertEquals(2, result.exitCode(), result.output());
        assertEquals("assocrec-train: FAILED step=configure exit=2: ASSOCREC_STORE is not set"
                + " (the model store root, e.g. s3://bucket)", result.lastEntrypointLine());
    }

    @Test
    void unsafeVersionNameIsBadInput() throws Exception {
        var result = EntrypointProcess.run(Map.of("ASSOCREC_EVENTS", "e", "ASSOCREC_STORE", "s",
                "ASSOCREC_VERSION", "../current"), List.of(), work, 30);
        assertEquals(2, result.exitCode(), result.output());
        assertEquals("assocrec-train: FAILED step=configure exit=2: ASSOCREC_VERSION '../current' is not a valid"
                + " version name (1-128 of [A-Za-z0-9._-], not 'current')", result.lastEntrypointLine());
    }

    @Test
    void hyperParameterVariableMustNameAnOption() throws Exception {
        var result = EntrypointProcess.run(Map.of("ASSOCREC_EVENTS", "e", "ASSOCREC_STORE", "s",
                "ASSOCREC_HP_9LIVES", "3"), List.of(), work, 30);
        assertEquals(2, result.exitCode(), result.output());
        assertEquals("assocrec-train: FAILED step=configure exit=2: hyper-parameter variable ASSOCREC_HP_9LIVES"
                + " does not name an option", result.lastEntrypointLine());
    }

    @Test
    void gpuImageWithoutAGpuStopsAtTheEngineStep() throws Exception {
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU: nothing to refuse");
        var result = EntrypointProcess.run(Map.of("ASSOCREC_EVENTS", "e", "ASSOCREC_STORE", "s",
                "ASSOCREC_REQUIRE_GPU", "true"), List.of(), work, 120);
        assertEquals(1, result.exitCode(), result.output());
        assertEquals(List.of("assocrec-train: STEP configure", "assocrec-train: trigger: manual",
                        "assocrec-train: events=e catalog=none store=s version=" + versionIn(result.output()),
                        "assocrec-train: STEP engine",
                        "assocrec-train: FAILED step=engine exit=1: the PyTorch engine is not usable (EngineCheck exit 3)"),
                result.entrypointLines());
    }

    private static String versionIn(String output) {
        return output.replaceAll("(?s).*version=(\\d{8}-\\d{6}).*", "$1");
    }
}
