package dev.assocrec.functions.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.functions.ServingConfig;
import dev.assocrec.functions.scoring.ScoringSettings;
import dev.assocrec.functions.testing.ServingConfigs;
import dev.assocrec.functions.testing.TestModels;
import dev.assocrec.store.LocalModelStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load begun before the boot reads the configuration's keys from the system properties and environment
 * with {@link ServingConfig}'s defaults, and {@link ModelManager} serves its result only when its mappings
 * agree: otherwise it loads again, and a version published meanwhile shows which of the two it served.
 */
class EarlyLoadTest {
    @TempDir
    Path root;
    @TempDir
    Path cache;

    @Test
    void readsTheConfigurationKeysWithTheMappingsDefaults() {
        Map<String, String> keys = new HashMap<>(Map.of("assocrec.model.location", root.toString()));
        EarlyLoad defaults = EarlyLoad.begin(keys::get);
        assertNotNull(defaults);
        String defaultCache = System.getProperty("java.io.tmpdir") + "/" + ServingConfig.CACHE_SUBDIRECTORY;
        assertTrue(defaults.matches(root.toString(), defaultCache, ScoringSettings.onnx(1, 0.25)), defaults.toString());
        defaults.discard();

        keys.putAll(Map.of("assocrec.model.cache-directory", cache.toString(), "assocrec.scoring.engine", " Java ",
                "assocrec.scoring.scan-threads", "3", "assocrec.scoring.java-scan-max-fraction", "0.5"));
        EarlyLoad set = EarlyLoad.begin(keys::get);
        assertTrue(set.matches(root.toString(), cache.toString(), ScoringSettings.java(3, 0.5)), set.toString());
        assertFalse(set.matches(root.toString(), cache.toString(), ScoringSettings.java(1, 0.5)));
        set.discard();

        keys.put("assocrec.scoring.coarse-kernel", "Java");
        EarlyLoad pinned = EarlyLoad.begin(keys::get);
        assertTrue(pinned.matches(root.toString(), cache.toString(),
                ScoringSettings.java(3, 0.5).withCoarseKernel(ScoringSettings.KernelChoice.JAVA)), pinned.toString());
        assertFalse(pinned.matches(root.toString(), cache.toString(), ScoringSettings.java(3, 0.5)),
                "a pinned kernel is another load than one chosen by timing");
        pinned.discard();
    }

    @Test
    void noStoreOrAnInvalidValueBeginsNothing() {
        assertNull(EarlyLoad.begin(key -> null));
        assertNull(EarlyLoad.begin(Map.of("assocrec.model.location", root.toString(), "assocrec.scoring.engine", "gpu")::get));
        assertNull(EarlyLoad.begin(Map.of("assocrec.model.location", root.toString(), "assocrec.scoring.ort-threads", "0")::get));
        assertNull(EarlyLoad.begin(Map.of("assocrec.model.location", root.toString(), "assocrec.scoring.coarse-kernel", "fastest")::get));
    }

    @Test
    void theManagerServesTheEarlyLoadOnlyWhenItsConfigurationAgrees() {
        try (LocalModelStore publisher = new LocalModelStore(root)) {
            TestModels.publish(publisher, "early", 1);
            Map<String, String> keys = Map.of("assocrec.model.location", root.toString(),
                    "assocrec.model.cache-directory", cache.toString(), "assocrec.scoring.engine", "java");

            EarlyLoad agreeing = EarlyLoad.begin(keys::get);
            agreeing.await(); // loaded "early"; "later" is current from here on
            TestModels.publish(publisher, "later", 2);
            assertEquals("early", startedWith(agreeing, ServingConfigs.javaScoring()));

            EarlyLoad other = EarlyLoad.begin(keys::get);
            other.await(); // loaded "later"; "latest" is current from here on
            TestModels.publish(publisher, "latest", 3);
            assertEquals("latest", startedWith(other, onnxScoring()), "another engine configured: loaded again");
        }
    }

    private String startedWith(EarlyLoad early, ServingConfig.Scoring scoring) {
        ModelManager manager = new ModelManager(ServingConfigs.model(root.toString(), Duration.ofMinutes(5), cache,
                Duration.ofMinutes(10)), scoring, early, Clock.systemUTC());
        manager.loadFirstVersion();
        try {
            return manager.currentVersion();
        } finally {
            manager.onStop(null);
        }
    }

    private static ServingConfig.Scoring onnxScoring() {
        return new ServingConfig.Scoring() {
            @Override public ScoringSettings.Engine engine() { return ScoringSettings.Engine.ONNX; }
            @Override public int ortThreads() { return 1; }
            @Override public int scanThreads() { return 1; }
            @Override public double javaScanMaxFraction() { return 0.25; }
            @Override public ScoringSettings.KernelChoice coarseKernel() { return ScoringSettings.KernelChoice.AUTO; }
        };
    }
}
