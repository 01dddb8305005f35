package dev.assocrec.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.EventType;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.OnnxSignature;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.cli.AssocrecCliTest.Run;
import dev.assocrec.training.demo.ShopConfig;
import dev.assocrec.training.demo.ShopCsvWriter;
import dev.assocrec.training.demo.SyntheticShop;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --pooling attention} on a small generated shop (event types and timestamps): the published
 * manifest holds the learned attention, which moved from its start (the event weights and half-life), the scoring
 * graph holds the same parameters as its initializers, and {@code evaluate} scores the published version with the manifest's pooling exactly as training scored it.
 */
class AttentionTrainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path shop;

    @BeforeAll
    static void generateShop() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        shop = dir.resolve("shop");
        ShopCsvWriter.write(SyntheticShop.generate(ShopConfig.defaults().withSize(11, 300, 800)), shop);
    }

    @Test
    void attentionIsTrainedPublishedAndScoredAsTrained() throws Exception {
        Path store = dir.resolve("store");
        String events = shop.resolve("events.csv").toString();
        String catalog = shop.resolve("catalog.csv").toString();
        Run r = AssocrecCliTest.run("train", "--events", events, "--catalog", catalog, "--out", store.toString(),
                "--model-version", "att", "--dims", "16", "--epochs", "3", "--device", "cpu", "--pooling", "attention");
        assertEquals(0, r.exit(), r.out() + r.err());
        PoolingConfig pooling = ModelVersion.load(store.resolve("models/att")).manifest().pooling();
        assertEquals(PoolingConfig.Mode.ATTENTION, pooling.mode());
        PoolingConfig.Attention start = PoolingConfig.attentionFrom(PoolingConfig.defaultWeighted(), 16).attention();
        PoolingConfig.Attention learned = pooling.attention();
        assertTrue(learned.vector().stream().anyMatch(v -> Math.abs(v) > 1e-4), "the vector was learned: " + learned);
        assertTrue(Math.abs(learned.bias(EventType.PURCHASE) - start.bias(EventType.PURCHASE)) > 1e-4
                || Math.abs(learned.recencySlope() - start.recencySlope()) > 1e-6, "type and recency terms moved: " + learned);

        // The scoring graph computes attention itself from the same learned parameters.
        ModelProto graph = ModelProto.parseFrom(Files.readAllBytes(store.resolve("models/att").resolve(ArtifactLayout.MODEL_ONNX)));
        TensorProto vector = graph.getGraph().getInitializerList().stream()
                .filter(t -> t.getName().equals(OnnxSignature.INITIALIZER_ATTENTION_VECTOR)).findFirst().orElseThrow();
        for (int j = 0; j < 16; j++) {
            assertEquals(learned.vector().get(j), vector.getFloatData(j), 1e-6, "attention_vector[" + j + "]");
        }
        TensorProto bias = graph.getGraph().getInitializerList().stream()
                .filter(t -> t.getName().equals(OnnxSignature.INITIALIZER_ATTENTION_TYPE_BIAS)).findFirst().orElseThrow();
        assertEquals(learned.bias(EventType.PURCHASE), bias.getFloatData((int) OnnxSignature.eventTypeId(EventType.PURCHASE)),
                1e-6);

        Path out = dir.resolve("evaluation");
        Run e = AssocrecCliTest.run("evaluate", "--store", store.toString(), "--events", events, "--catalog", catalog,
                "--report-dir", out.toString(), "--device", "cpu");
        assertEquals(0, e.exit(), e.out() + e.err());
        JsonNode trained = JSON.readTree(store.resolve("reports/att/report.json").toFile());
        JsonNode evaluated = JSON.readTree(out.resolve("report.json").toFile());
        assertEquals(trained.at("/models/gcn/ndcg@20").asDouble(), evaluated.at("/models/gcn/ndcg@20").asDouble(), 1e-4);
        assertTrue(trained.get("protocol").asText().contains("pooling attention"), trained.get("protocol").asText());
    }

    @Test
    void anUnknownPoolingIsOneLineAndExitTwo() {
        Run r = AssocrecCliTest.run("train", "--events", shop.resolve("events.csv").toString(), "--out",
                dir.resolve("unused").toString(), "--pooling", "max");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("error: --pooling max: use auto, mean, weighted or attention", r.err().strip());
    }
}
