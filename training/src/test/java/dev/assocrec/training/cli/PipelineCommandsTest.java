package dev.assocrec.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.store.LocalModelStore;
import dev.assocrec.store.ModelStore;
import dev.assocrec.store.S3MockServer;
import dev.assocrec.store.S3ModelStore;
import dev.assocrec.store.S3Uri;
import dev.assocrec.training.cli.AssocrecCliTest.Run;
import dev.assocrec.training.demo.ShopConfig;
import dev.assocrec.training.demo.ShopCsvWriter;
import dev.assocrec.training.demo.SyntheticShop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The training commands end to end on a small generated shop: train into a local store and into S3
 * (S3Mock over HTTP), a failed run, evaluate, publish, versions, rollback. The tests share one store
 * and run in order, as an operator would use it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineCommandsTest {
    @RegisterExtension
    static final S3MockServer S3 = new S3MockServer();
    private static final Map<String, String> S3_PROPERTIES = Map.of("aws.accessKeyId", "test",
            "aws.secretAccessKey", "test", "aws.region", S3MockServer.REGION);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tiny settings so that every training run takes seconds. */
    private static final List<String> FAST = List.of("--dims", "16", "--patience", "3", "--device", "cpu");

    @TempDir
    static Path dir;
    static Path shop;
    static Path store;

    @BeforeAll
    static void generateShop() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        S3_PROPERTIES.forEach(System::setProperty);
        System.setProperty("assocrec.s3.endpoint", S3.endpoint());
        shop = dir.resolve("shop");
        ShopCsvWriter.write(SyntheticShop.generate(ShopConfig.defaults().withSize(11, 300, 800)), shop);
        store = dir.resolve("store");
    }

    @AfterAll
    static void clearProperties() {
        S3_PROPERTIES.keySet().forEach(System::clearProperty);
        System.clearProperty("assocrec.s3.endpoint");
    }

    private static Run train(String out, String version, int epochs, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--events", shop.resolve("events.csv").toString(),
                "--catalog", shop.resolve("catalog.csv").toString(), "--out", out, "--model-version", version));
        args.addAll(FAST);
        args.addAll(List.of("--epochs", Integer.toString(epochs)));
        args.addAll(Arrays.asList(extra));
        return AssocrecCliTest.run(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void trainPublishesAVerifiedVersionWithItsReport() throws Exception {
        Run r = train(store.toString(), "v1", 8);
        assertEquals(0, r.exit(), r.out() + r.err());
        try (ModelStore s = new LocalModelStore(store)) {
            assertEquals("v1", s.currentVersion().orElseThrow());
        }
        ModelVersion v1 = ModelVersion.load(store.resolve("models/v1"));
        assertEquals(300, v1.manifest().itemCount());
        assertEquals(16, v1.manifest().dimensions());
        assertTrue(v1.manifest().metrics().get("gcn").get("recall@20") > 0);
        assertEquals(100, v1.manifest().popularItems().size());
        assertEquals("csv", v1.manifest().data().get("format").asText());

        JsonNode report = JSON.readTree(store.resolve("reports/v1/report.json").toFile());
        for (String model : List.of("gcn", "popularity", "itemknn")) {
            for (String metric : List.of("recall@20", "ndcg@20", "hr@20", "recall@10", "ndcg@10", "hr@10")) {
                assertTrue(report.at("/models/" + model + "/" + metric).isNumber(), model + " " + metric + ": " + report);
            }
        }
        assertTrue(report.get("protocol").asText().startsWith("next new item per user"), report.get("protocol").asText());
        assertEquals(800, report.at("/split/users").asInt());
        assertEquals(300, report.at("/split/items").asInt());
        assertTrue(report.at("/split/testInteractions").asLong() > 500, report.get("split").toString());
        assertTrue(report.at("/training/trainSeconds").asDouble() > 0);
        assertTrue(Files.isRegularFile(store.resolve("reports/v1/report.md")));
        assertTrue(Files.isRegularFile(store.resolve("reports/v1/curve.svg")));

        double gcn = report.at("/models/gcn/ndcg@20").asDouble();
        double popularity = report.at("/models/popularity/ndcg@20").asDouble();
        assertTrue(gcn > 1.5 * popularity, "planted bundles and departments: gcn " + gcn + " vs popularity " + popularity);

        for (String step : List.of("ingest", "graph", "train", "evaluate", "report", "export", "publish")) {
            assertTrue(r.out().contains("assocrec: DONE " + step + " in "), step + " logged:\n" + r.out());
        }
        assertTrue(r.out().contains("model        Recall@20   NDCG@20     HR@20"), r.out());
        assertTrue(r.out().matches("(?s).*\ngcn +0\\.\\d{4} .*"), r.out());
    }

    @Test
    @Order(2)
    void aFailedTrainLeavesTheCurrentVersionServing() throws Exception {
        Path bad = Files.write(dir.resolve("bad-events.csv"), List.of("user_id,item_id,event_type,timestamp",
                "u1,a,view,2024-01-01T00:00:00Z", "u1,b,wink,2024-01-01T00:00:01Z"));
        Run r = AssocrecCliTest.run("train", "--events", bad.toString(), "--out", store.toString(),
                "--model-version", "v-bad", "--max-bad-fraction", "0");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("error: " + bad + " line 3, column event_type, value 'wink': unknown event type", r.err().strip());
        assertTrue(r.out().contains("assocrec: FAILED ingest"), r.out());

        Run taken = train(store.toString(), "v1", 8);
        assertEquals(2, taken.exit());
        assertTrue(taken.err().contains("version v1 is already in the store"), taken.err());

        Run badOption = train(store.toString(), "v-bad", 8, "--layers", "-1");
        assertEquals(2, badOption.exit());
        assertTrue(badOption.err().startsWith("error: hyper-parameters: dims"), badOption.err());

        try (ModelStore s = new LocalModelStore(store)) {
            assertEquals("v1", s.currentVersion().orElseThrow());
            assertEquals(List.of("v1"), s.listVersions());
        }
    }

    @Test
    @Order(3)
    void evaluateScoresThePublishedVersionAsTrainingDid() throws Exception {
        Path out = dir.resolve("evaluation");
        Run r = AssocrecCliTest.run("evaluate", "--store", store.toString(), "--events", shop.resolve("events.csv").toString(),
                "--catalog", shop.resolve("catalog.csv").toString(), "--report-dir", out.toString(), "--device", "cpu");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode trained = JSON.readTree(store.resolve("reports/v1/report.json").toFile());
        JsonNode evaluated = JSON.readTree(out.resolve("report.json").toFile());
        for (String model : List.of("gcn", "popularity", "itemknn")) {
            assertEquals(trained.at("/models/" + model + "/ndcg@20").asDouble(),
                    evaluated.at("/models/" + model + "/ndcg@20").asDouble(), 1e-4, model);
        }
        assertTrue(evaluated.get("protocol").asText().contains("model version v1"), evaluated.get("protocol").asText());
        assertTrue(r.out().contains("evaluated version v1"), r.out());

        Run unknown = AssocrecCliTest.run("evaluate", "--store", store.toString(), "--model-version", "v9",
                "--events", shop.resolve("events.csv").toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("version v9 is not in the store"), unknown.err());
    }

    @Test
    @Order(4)
    void versionsAndRollback() throws Exception {
        Run second = train(store.toString(), "v2", 2);
        assertEquals(0, second.exit(), second.out() + second.err());

        Run list = AssocrecCliTest.run("versions", "--store", store.toString());
        assertEquals(0, list.exit(), list.err());
        List<String> lines = list.out().lines().toList();
        assertTrue(lines.get(1).startsWith("  v1 "), list.out());
        assertTrue(lines.get(2).startsWith("* v2 "), list.out());
        double v1Recall = ModelVersion.load(store.resolve("models/v1")).manifest().metrics().get("gcn").get("recall@20");
        assertTrue(lines.get(1).contains(String.format(java.util.Locale.ROOT, "%.4f", v1Recall)), list.out());
        assertEquals("current: v2", lines.get(lines.size() - 1));

        Run back = AssocrecCliTest.run("rollback", "--store", store.toString(), "--to", "v1");
        assertEquals(0, back.exit(), back.err());
        assertTrue(back.out().contains(": v2 -> v1 (verified)"), back.out());
        try (ModelStore s = new LocalModelStore(store)) {
            assertEquals("v1", s.currentVersion().orElseThrow());
        }

        Run unknown = AssocrecCliTest.run("rollback", "--store", store.toString(), "--to", "v7");
        assertEquals(2, unknown.exit());
        assertEquals("error: version v7 is not in the store " + store.toAbsolutePath().normalize()
                + "; stored versions: v1, v2", unknown.err().strip());
        try (ModelStore s = new LocalModelStore(store)) {
            assertEquals("v1", s.currentVersion().orElseThrow(), "an unknown version changes nothing");
        }
    }

    @Test
    @Order(5)
    void publishCopiesAVersionFolderToAnotherStore() throws Exception {
        Path other = dir.resolve("other-store");
        Run r = AssocrecCliTest.run("publish", "--store", other.toString(), store.resolve("models/v2").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("current: none -> v2"), r.out());
        try (ModelStore s = new LocalModelStore(other)) {
            assertEquals("v2", s.currentVersion().orElseThrow());
        }
        ModelVersion.load(other.resolve("models/v2"));

        Path broken = dir.resolve("broken/v3");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("model.onnx"), "not a model");
        Run bad = AssocrecCliTest.run("publish", "--store", other.toString(), broken.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("error: " + broken + ": not a valid model version folder"), bad.err());
        try (ModelStore s = new LocalModelStore(other)) {
            assertEquals("v2", s.currentVersion().orElseThrow());
        }
    }

    @Test
    @Order(6)
    void trainIntoS3PublishesAndUploadsTheReport() throws Exception {
        try (S3Client s3 = S3.newClient()) {
            S3.createBucket(s3, "pipeline-models");
            Path reports = dir.resolve("s3-reports");
            Run r = train("s3://pipeline-models/prod", "s3-v1", 2, "--report-dir", reports.toString());
            assertEquals(0, r.exit(), r.out() + r.err());
            try (ModelStore s = new S3ModelStore(s3, S3Uri.parse("s3://pipeline-models/prod"), false)) {
                assertEquals("s3-v1", s.currentVersion().orElseThrow());
                s.download("s3-v1", dir.resolve("downloaded"));
            }
            String uploaded = s3.getObjectAsBytes(b -> b.bucket("pipeline-models").key("prod/reports/s3-v1/report.json"))
                    .asUtf8String();
            assertEquals(Files.readString(reports.resolve("report.json")), uploaded);
            assertTrue(r.out().contains("report copy: s3://pipeline-models/prod/reports/s3-v1/report.md"), r.out());
        }
    }

    @Test
    void helpMentionsEveryCommand() {
        Run r = AssocrecCliTest.run("--help");
        assertEquals(0, r.exit());
        for (String command : List.of("generate", "inspect", "demo", "train", "evaluate", "publish", "versions",
                "rollback", "help")) {
            assertTrue(r.out().matches("(?s).*\n  " + command + " .*"), command + ":\n" + r.out());
        }
        Run train = AssocrecCliTest.run("train", "--help");
        for (String option : List.of("--model-version", "--store", "--report-dir", "--dims", "--layers", "--epochs",
                "--patience", "--lr", "--batch", "--temperature", "--popularity-exponent", "--half-life", "--top-k", "--co-purchase-weight",
                "--co-view-weight", "--attribute-weight", "--device", "--[no-]refit", "--format", "--seed")) {
            assertTrue(train.out().contains(option), option + ":\n" + train.out());
        }
    }
}
