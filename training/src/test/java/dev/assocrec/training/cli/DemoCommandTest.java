package dev.assocrec.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ModelVersion;
import dev.assocrec.store.LocalModelStore;
import dev.assocrec.training.cli.AssocrecCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoTrainsPublishesAndRecommendsFromThePublishedVersion() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        Path out = dir.resolve("demo-store");
        Run r = AssocrecCliTest.run("demo", "--out", out.toString(), "--items", "200", "--users", "400",
                "--dims", "16", "--epochs", "3", "--device", "cpu");
        assertEquals(0, r.exit(), r.out() + r.err());
        String version;
        try (LocalModelStore store = new LocalModelStore(out)) {
            version = store.currentVersion().orElseThrow();
        }
        ModelVersion published = ModelVersion.load(out.resolve("models").resolve(version));
        assertEquals(200, published.manifest().itemCount());
        assertTrue(Files.isRegularFile(out.resolve("shop/events.csv")));
        assertTrue(Files.isRegularFile(out.resolve("reports").resolve(version).resolve("report.md")));

        String o = r.out();
        assertTrue(o.matches("(?s).*\ngcn +0\\.\\d{4} .*\npopularity +0\\.\\d{4} .*\nitemknn +0\\.\\d{4} .*"), o);
        assertTrue(o.contains("model store:   " + out.toAbsolutePath().normalize() + ", current = " + version), o);
        assertTrue(o.contains("Recommended for "), o);
        // Ten recommendations, each an item of the published catalogue.
        long shown = o.lines().filter(l -> l.matches(" +\\d+\\. SKU-\\d+ .*score -?\\d\\.\\d{3}")).count();
        assertEquals(SampleRecommendation.SHOWN, shown, o);
        assertTrue(o.matches("(?s).*Held-out next item: SKU-\\d+ .*"), o);
    }
}
