package dev.assocrec.training.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The entry point's own decisions: configuration errors are exit 2, engine trouble is exit 1. */
class EntrypointConfigurationTest {
    @TempDir
    Path work;

    static Stream<Arguments> configurationErrors() {
        return Stream.of(
                Arguments.of(Map.of("ASSOCREC_STORE", "s3://bucket"),
                        "ASSOCREC_EVENTS is not set (the events to train on, e.g. s3://bucket/events/)"),
                Arguments.of(Map.of("ASSOCREC_EVENTS", "s3://bucket/events/"),
                        "ASSOCREC_STORE is not set (the model store root, e.g. s3://bucket)"),
                Arguments.of(Map.of("ASSOCREC_EVENTS", "e", "ASSOCREC_STORE", "s", "ASSOCREC_VERSION", "../current"),
                        "ASSOCREC_VERSION '../current' is not a valid version name (1-128 of [A-Za-z0-9._-], not 'current' or 'pin')"),
                Arguments.of(Map.of("ASSOCREC_EVENTS", "e", "ASSOCREC_STORE", "s", "ASSOCREC_VERSION", "pin"),
                        "ASSOCREC_VERSION 'pin' is not a valid version name (1-128 of [A-Za-z0-9._-], not 'current' or 'pin')"),
                Arguments.of(Map.of("ASSOCREC_EVENTS", "e", "ASSOCREC_STORE", "s", "ASSOCREC_HP_9LIVES", "3"),
                        "hyper-parameter variable ASSOCREC_HP_9LIVES does not name an option"));
    }

    @ParameterizedTest
    @MethodSource("configurationErrors")
    void configurationErrorsAreBadInputNamingTheVariable(Map<String, String> env, String message) throws Exception {
        var result = EntrypointProcess.run(env, List.of(), work, 30);
        assertEquals(2, result.exitCode(), result.output());
        assertEquals("assocrec-train: FAILED step=configure exit=2: " + message, result.lastEntrypointLine());
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
