package dev.assocrec.training.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The harness end to end on a small file in the Amazon S3-Rec layout: every row of the report is written. */
class QualityBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void writesTheGcnAndBothBaselinesOnTheSameSplit() throws Exception {
        Path data = dir.resolve("data");
        writeSequences(data.resolve("amazon-beauty-s3rec"), 300, 8, 12, 7);
        Path out = dir.resolve("out");

        int exit = QualityBenchmark.commandLine().execute("--data", data.toString(), "--datasets", "beauty",
                "--out", out.toString(), "--quiet", "--device", "cpu", "--dims", "8", "--batch", "64",
                "--negatives", "32", "--epochs", "2", "--patience", "1");

        assertEquals(0, exit);
        JsonNode report = new ObjectMapper().readTree(out.resolve("beauty/report.json").toFile());
        assertEquals(300, report.at("/split/users").asInt());
        for (String model : List.of("gcn", "popularity", "itemknn")) {
            double hr = report.at("/models/" + model + "/hr@20").asDouble(-1);
            assertTrue(hr >= 0 && hr <= 1, model + " hr@20 = " + hr);
        }
        assertTrue(Files.exists(out.resolve("beauty/report.md")));
    }

    @Test
    void unknownDatasetIsAOneLineUserError() {
        StringWriter err = new StringWriter();
        CommandLine cli = QualityBenchmark.commandLine();
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("--data", dir.toString(), "--datasets", "beauty,nope", "--out", dir.resolve("out").toString());
        assertEquals(2, exit);
        assertEquals("error: --datasets: unknown data set 'nope' (beauty, toys, gowalla)", err.toString().strip());
        assertFalse(Files.exists(dir.resolve("out")), "nothing runs before the options are checked");
    }

    @Test
    void layerAndEngineAreSpelledAsTheTrainingCliSpellsThem() {
        CommandLine cli = QualityBenchmark.commandLine();
        cli.parseArgs("--layer", "sage", "--engine", "torch");
        QualityBenchmark parsed = cli.getCommand();
        assertEquals(dev.assocrec.training.model.GcnConfig.Layer.SAGE, parsed.layer);
        assertEquals(dev.assocrec.training.model.GcnConfig.Engine.TORCH, parsed.engine);
    }

    /** Users walk one cluster of items in order (item ids from 1, as in the S3-Rec files); attributes name the cluster. */
    private static void writeSequences(Path folder, int users, int clusters, int clusterSize, long seed) throws Exception {
        Files.createDirectories(folder);
        Random random = new Random(seed);
        StringBuilder lines = new StringBuilder();
        for (int u = 1; u <= users; u++) {
            int c = random.nextInt(clusters);
            int start = random.nextInt(clusterSize);
            lines.append(u);
            for (int t = 0; t < 6; t++) {
                lines.append(' ').append(1 + c * clusterSize + (start + t) % clusterSize);
            }
            lines.append('\n');
        }
        Files.writeString(folder.resolve("Beauty.txt"), lines);
        StringBuilder json = new StringBuilder("{");
        for (int i = 1; i <= clusters * clusterSize; i++) {
            json.append(i > 1 ? ", " : "").append('"').append(i).append("\": [").append((i - 1) / clusterSize).append(']');
        }
        Files.writeString(folder.resolve("Beauty_item2attributes.json"), json.append('}'));
    }
}
