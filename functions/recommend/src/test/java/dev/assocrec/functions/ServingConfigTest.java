package dev.assocrec.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.functions.scoring.ScoringSettings;
import dev.assocrec.functions.scoring.ScoringSettings.KernelChoice;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scoring mapping as SmallRye Config builds it at start-up (the same mapping Quarkus validates before the
 * function serves): the coarse kernel setting by property or environment variable, and a bad value refused at
 * build time with the setting and the value named.
 */
class ServingConfigTest {
    private static ScoringSettings scoring(Map<String, String> properties, Map<String, String> env) {
        return new SmallRyeConfigBuilder().withMapping(ServingConfig.Scoring.class)
                .withSources(new PropertiesConfigSource(properties, "test", 400), new EnvConfigSource(env, 300))
                .build().getConfigMapping(ServingConfig.Scoring.class).settings();
    }

    @Test
    void theCoarseKernelIsChosenAtLoadUnlessPinned() {
        assertEquals(KernelChoice.AUTO, scoring(Map.of(), Map.of()).coarseKernel());
        assertEquals(KernelChoice.JAVA, scoring(Map.of("assocrec.scoring.coarse-kernel", "java"), Map.of()).coarseKernel());
        assertEquals(KernelChoice.ONNX, scoring(Map.of(), Map.of("ASSOCREC_SCORING_COARSE_KERNEL", "onnx")).coarseKernel());
        assertEquals(KernelChoice.FASTSCAN, scoring(Map.of(), Map.of("ASSOCREC_SCORING_COARSE_KERNEL", "fastscan")).coarseKernel());
        assertEquals(ScoringSettings.onnx(1, 0.25).withCoarseKernel(KernelChoice.JAVA),
                scoring(Map.of("assocrec.scoring.coarse-kernel", "java"), Map.of()), "the other settings keep their defaults");
    }

    @Test
    void aBadCoarseKernelFailsTheStartNamingTheSettingAndTheValue() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> scoring(Map.of(), Map.of("ASSOCREC_SCORING_COARSE_KERNEL", "fastest")));
        assertTrue(e.getMessage().contains("assocrec.scoring.coarse-kernel") && e.getMessage().contains("fastest"),
                e.getMessage());
    }
}
