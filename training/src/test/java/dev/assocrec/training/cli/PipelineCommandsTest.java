package dev.assocrec.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
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
    /** A deliberately worse candidate: one epoch at a step size too small to learn anything. */
    private static final String[] WORSE = {"--lr", "0.00001"};
    private static final String[] WORSE_FORCED = {"--lr", "0.00001", "--force"};

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
        Run r = train(store.toString(), "v1", 3);
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
        assertTrue(r.out().contains(String.format(Locale.ROOT, "assocrec: gate: candidate v1 NDCG@20 %.4f > popularity "
                + "%.4f (no serving version to compare with); published (current none -> v1)%n", gcn, popularity)), r.out());
        assertEquals("published", report.at("/gate/decision").asText());
        assertTrue(report.at("/gate/serving").isNull(), report.get("gate").toString());
        assertEquals(0.02, report.at("/gate/tolerance").asDouble());

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
        assertEquals("error: --layers -1: must be at least 0", badOption.err().strip());

        Run badTolerance = train(store.toString(), "v-bad", 8, "--gate-tolerance", "1.5");
        assertEquals(2, badTolerance.exit());
        assertEquals("error: --gate-tolerance: must be between 0 and 1 (a share of the serving version's NDCG@20), "
                + "was 1.5", badTolerance.err().strip());

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

        Run beside = AssocrecCliTest.run("evaluate", "--store", store.toString(), "--events",
                shop.resolve("events.csv").toString(), "--device", "cpu");
        assertEquals(0, beside.exit(), beside.out() + beside.err());
        try (var evaluations = Files.list(store.resolve("reports/v1/evaluations"))) {
            Path report = evaluations.findFirst().orElseThrow();
            assertTrue(Files.isRegularFile(report.resolve("report.md")), "beside the version's training report");
            assertFalse(Files.exists(report.resolve("curve.svg")), "evaluate trains nothing: no curve to draw");
            assertTrue(beside.out().contains("report: " + report.resolve("report.md") + " (also report.json)\n"),
                    beside.out());
        }
        assertFalse(Files.exists(Path.of("assocrec-reports")), "./assocrec-reports is for S3 stores only");

        Run unknown = AssocrecCliTest.run("evaluate", "--store", store.toString(), "--model-version", "v9",
                "--events", shop.resolve("events.csv").toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("version v9 is not in the store"), unknown.err());
    }

    @Test
    @Order(4)
    void aWorseCandidateIsStoredButCurrentStaysAndExitIsThree() throws Exception {
        Run worse = train(store.toString(), "v2", 1, WORSE);
        assertEquals(3, worse.exit(), worse.out() + worse.err());
        JsonNode gate = JSON.readTree(store.resolve("reports/v2/report.json").toFile()).get("gate");
        double v1OnV2Split = gate.at("/serving/metrics/ndcg@20").asDouble();
        assertEquals(JSON.readTree(store.resolve("reports/v1/report.json").toFile()).at("/models/gcn/ndcg@20").asDouble(),
                v1OnV2Split, 1e-4, "the serving version is scored on the candidate's test split (the same data here)");
        assertEquals("v1", gate.at("/serving/version").asText());
        assertFalse(gate.get("passed").asBoolean());
        assertEquals("stored, not published: the quality gate failed", gate.get("decision").asText());
        String line = String.format(Locale.ROOT, "gate: candidate v2 NDCG@20 %.4f < serving v1 %.4f x (1 - 0.02) = %.4f",
                gate.get("candidateNdcg@20").asDouble(), v1OnV2Split, v1OnV2Split * 0.98);
        assertTrue(worse.out().contains("assocrec: " + line), worse.out());
        assertTrue(worse.out().contains("; stored, not published (current stays v1; --force publishes anyway)\n"), worse.out());
        assertTrue(worse.out().contains("assocrec: DONE store in"), worse.out());
        assertTrue(Files.readString(store.resolve("reports/v2/report.md")).contains("## Quality gate (same test split)"));
        try (ModelStore s = new LocalModelStore(store)) {
            assertEquals("v1", s.currentVersion().orElseThrow());
            assertEquals(List.of("v1", "v2"), s.listVersions(), "the held version is stored and listed");
        }
        ModelVersion.load(store.resolve("models/v2"));
    }

    @Test
    @Order(5)
    void aBetterCandidateMovesCurrentAndForcePublishesAWorseOne() throws Exception {
        Run better = train(store.toString(), "v3", 8);
        assertEquals(0, better.exit(), better.out() + better.err());
        assertTrue(better.out().matches("(?s).*assocrec: gate: candidate v3 NDCG@20 [0-9.]+ >= serving v1 .*; published "
                + "\\(current v1 -> v3\\)\n.*"), better.out());
        assertCurrent("v3");

        Run forced = train(store.toString(), "v4", 1, WORSE_FORCED);
        assertEquals(0, forced.exit(), forced.out() + forced.err());
        assertTrue(forced.out().matches("(?s).*assocrec: gate: candidate v4 NDCG@20 [0-9.]+ < serving v3 .*; published "
                + "with --force \\(current v3 -> v4\\)\n.*"), forced.out());
        assertCurrent("v4");
    }

    @Test
    @Order(6)
    void rollbackPinsCurrentUntilUnpinOrForce() throws Exception {
        Run back = AssocrecCliTest.run("rollback", "--store", store.toString(), "--to", "v3");
        assertEquals(0, back.exit(), back.err());
        assertTrue(back.out().contains(": v4 -> v3 (verified); pinned: training runs keep it until 'assocrec unpin --store "
                + store + "' or 'assocrec train --force'"), back.out());
        assertCurrent("v3");

        Run list = AssocrecCliTest.run("versions", "--store", store.toString());
        assertEquals(0, list.exit(), list.err());
        List<String> lines = list.out().lines().toList();
        assertTrue(lines.get(1).startsWith("  v1 "), list.out());
        assertTrue(lines.get(3).startsWith("* v3 ") && lines.get(3).endsWith("  pinned"), list.out());
        assertFalse(lines.get(4).endsWith("pinned"), list.out());
        double v1Recall = ModelVersion.load(store.resolve("models/v1")).manifest().metrics().get("gcn").get("recall@20");
        assertTrue(lines.get(1).contains(String.format(Locale.ROOT, "%.4f", v1Recall)), list.out());
        assertEquals("current: v3", lines.get(5));
        assertTrue(lines.get(6).startsWith("pinned: v3 (rollback by "), list.out());

        Run pinned = train(store.toString(), "v5", 8);
        assertEquals(0, pinned.exit(), "a pin is an operator's choice, not a failure: " + pinned.out() + pinned.err());
        assertTrue(pinned.out().matches("(?s).*assocrec: gate: candidate v5 .*; stored, not published: current is pinned "
                + "to v3 \\(rollback by [^\n]*\\); 'assocrec unpin --store " + Pattern.quote(store.toString())
                + "' releases it\n.*"), pinned.out());
        assertTrue(pinned.out().contains("stored version v5 in " + store + " (stored, not published: current is pinned); "
                + "current stays v3"), pinned.out());
        assertCurrent("v3");

        Run unpin = AssocrecCliTest.run("unpin", "--store", store.toString());
        assertEquals(0, unpin.exit(), unpin.err());
        assertTrue(unpin.out().startsWith("unpinned " + store + " (was pinned to v3, rollback by "), unpin.out());
        assertTrue(unpin.out().strip().endsWith("current stays v3 until a training run passes the quality gate"), unpin.out());
        try (ModelStore s = new LocalModelStore(store)) {
            assertTrue(s.pin().isEmpty());
        }
        assertEquals(store + " was not pinned; current: v3", AssocrecCliTest.run("unpin", "--store", store.toString())
                .out().strip());

        assertEquals(0, AssocrecCliTest.run("rollback", "--store", store.toString(), "--to", "v1").exit());
        Run forced = train(store.toString(), "v6", 1, WORSE_FORCED);
        assertEquals(0, forced.exit(), forced.out() + forced.err());
        assertTrue(forced.out().contains("published with --force (current v1 -> v6); the pin on v1 is released"), forced.out());
        try (ModelStore s = new LocalModelStore(store)) {
            assertEquals("v6", s.currentVersion().orElseThrow());
            assertTrue(s.pin().isEmpty(), "--force releases the pin");
        }

        Run unknown = AssocrecCliTest.run("rollback", "--store", store.toString(), "--to", "v7");
        assertEquals(2, unknown.exit());
        assertEquals("error: version v7 is not in the store " + store.toAbsolutePath().normalize()
                + "; stored versions: v1, v2, v3, v4, v5, v6", unknown.err().strip());
        try (ModelStore s = new LocalModelStore(store)) {
            assertEquals("v6", s.currentVersion().orElseThrow(), "an unknown version changes nothing");
            assertTrue(s.pin().isEmpty(), "an unknown version pins nothing");
        }
    }

    private static void assertCurrent(String version) throws Exception {
        try (ModelStore s = new LocalModelStore(store)) {
            assertEquals(version, s.currentVersion().orElseThrow());
        }
    }

    @Test
    @Order(7)
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
    @Order(7)
    void publishRefusesAPinnedStoreUnlessForced() throws Exception {
        Path pinned = dir.resolve("pinned-store");
        assertEquals(0, AssocrecCliTest.run("publish", "--store", pinned.toString(), store.resolve("models/v1").toString()).exit());
        assertEquals(0, AssocrecCliTest.run("rollback", "--store", pinned.toString(), "--to", "v1").exit());

        Run refused = AssocrecCliTest.run("publish", "--store", pinned.toString(), store.resolve("models/v3").toString());
        assertEquals(2, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().matches("error: current is pinned to v1 in \\S+ \\(rollback by [^)]+\\); 'assocrec "
                + "unpin --store " + Pattern.quote(pinned.toString()) + "' releases the pin; 'assocrec publish --force' "
                + "publishes and releases it\n"), refused.err());
        try (ModelStore s = new LocalModelStore(pinned)) {
            assertEquals("v1", s.currentVersion().orElseThrow());
            assertEquals(List.of("v1"), s.listVersions(), "nothing uploaded");
        }

        Run forced = AssocrecCliTest.run("publish", "--store", pinned.toString(), "--force",
                store.resolve("models/v3").toString());
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(forced.out().contains("current: v1 -> v3; the pin on v1 is released"), forced.out());
        try (ModelStore s = new LocalModelStore(pinned)) {
            assertEquals("v3", s.currentVersion().orElseThrow());
            assertTrue(s.pin().isEmpty());
        }
    }

    @Test
    @Order(7)
    void aServingVersionTheGateCannotScoreStopsTheRunUnlessForced() throws Exception {
        Path broken = dir.resolve("broken-serving-store");
        assertEquals(0, AssocrecCliTest.run("publish", "--store", broken.toString(), store.resolve("models/v1").toString()).exit());
        Files.write(broken.resolve("models/v1/target.f32"), new byte[] {1, 2, 3});

        Run stopped = train(broken.toString(), "b2", 1);
        assertEquals(1, stopped.exit(), stopped.out() + stopped.err());
        List<String> errors = stopped.err().lines().toList();
        assertEquals(1, errors.size(), stopped.err());
        assertTrue(errors.get(0).startsWith("error: the quality gate could not download or score the serving version v1 ("),
                stopped.err());
        assertTrue(errors.get(0).endsWith("; --force skips the comparison and publishes (--verbose prints the stack trace)"),
                stopped.err());
        try (ModelStore s = new LocalModelStore(broken)) {
            assertEquals(List.of("v1"), s.listVersions(), "nothing stored");
        }

        Run forced = train(broken.toString(), "b3", 1, "--force");
        assertEquals(0, forced.exit(), forced.out() + forced.err());
        assertTrue(forced.out().contains("assocrec: gate: the quality gate could not download or score the serving "
                + "version v1 ("), forced.out());
        assertTrue(forced.out().contains("; --force: publishing without the comparison\n"), forced.out());
        assertCurrentIn(broken, "b3");
    }

    private static void assertCurrentIn(Path storeDir, String version) throws Exception {
        try (ModelStore s = new LocalModelStore(storeDir)) {
            assertEquals(version, s.currentVersion().orElseThrow());
        }
    }

    @Test
    @Order(8)
    void trainIntoS3PublishesAndUploadsTheReport() throws Exception {
        try (S3Client s3 = S3.newClient()) {
            S3.createBucket(s3, "pipeline-models");
            Path reports = dir.resolve("s3-reports");
            Run r = train("s3://pipeline-models/prod", "s3-v1", 3, "--report-dir", reports.toString());
            assertEquals(0, r.exit(), r.out() + r.err());
            try (ModelStore s = new S3ModelStore(s3, S3Uri.parse("s3://pipeline-models/prod"), false)) {
                assertEquals("s3-v1", s.currentVersion().orElseThrow());
                s.download("s3-v1", dir.resolve("downloaded"));
            }
            String uploaded = s3.getObjectAsBytes(b -> b.bucket("pipeline-models").key("prod/reports/s3-v1/report.json"))
                    .asUtf8String();
            assertEquals(Files.readString(reports.resolve("report.json")), uploaded);
            assertTrue(r.out().contains("report copy: s3://pipeline-models/prod/reports/s3-v1/report.md"), r.out());

            Run worse = train("s3://pipeline-models/prod", "s3-v2", 1, "--lr", "0.00001", "--report-dir",
                    dir.resolve("s3-reports-2").toString());
            assertEquals(3, worse.exit(), worse.out() + worse.err());
            assertTrue(worse.out().matches("(?s).*assocrec: gate: candidate s3-v2 NDCG@20 [0-9.]+ < serving s3-v1 .*; "
                    + "stored, not published \\(current stays s3-v1; --force publishes anyway\\)\n.*"), worse.out());
            try (ModelStore s = new S3ModelStore(s3, S3Uri.parse("s3://pipeline-models/prod"), false)) {
                assertEquals("s3-v1", s.currentVersion().orElseThrow());
                assertEquals(List.of("s3-v1", "s3-v2"), s.listVersions());
            }
            JsonNode gate = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket("pipeline-models")
                    .key("prod/reports/s3-v2/report.json")).asUtf8String()).get("gate");
            assertEquals("s3-v1", gate.at("/serving/version").asText(), gate.toString());
        }
    }

    @Test
    void helpMentionsEveryCommand() {
        Run r = AssocrecCliTest.run("--help");
        assertEquals(0, r.exit());
        for (String command : List.of("generate", "inspect", "demo", "train", "evaluate", "publish", "versions",
                "rollback", "unpin", "help")) {
            assertTrue(r.out().matches("(?s).*\n  " + command + " .*"), command + ":\n" + r.out());
        }
        Run train = AssocrecCliTest.run("train", "--help");
        for (String option : List.of("--model-version", "--store", "--report-dir", "--dims", "--layers", "--epochs",
                "--patience", "--lr", "--batch", "--temperature", "--popularity-exponent", "--half-life", "--top-k", "--co-purchase-weight",
                "--co-view-weight", "--attribute-weight", "--device", "--[no-]refit", "--format", "--seed",
                "--gate-tolerance", "--force")) {
            assertTrue(train.out().contains(option), option + ":\n" + train.out());
        }
    }
}
