package dev.assocrec.training.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.OnnxSignature;
import dev.assocrec.contract.ReferenceScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported version folder, loaded by ONNX Runtime from its path as serving does, ranks exactly as
 * the Java reference does.
 */
class OnnxScoringGraphTest {
    private static final int ITEMS = 300;
    private static final int DIMS = 16;
    private static final float TOLERANCE = 1e-5f;

    @TempDir
    static Path work;
    private static Path dir;
    private static ReferenceScorer reference;
    private static OnnxRuntimeScorer onnx;

    @BeforeAll
    static void export() throws Exception {
        Random rng = new Random(42);
        EmbeddingTable context = RandomTables.gaussian(ITEMS, DIMS, rng);
        EmbeddingTable target = RandomTables.gaussian(ITEMS, DIMS, rng);
        dir = ModelVersionWriter.write(work.resolve("v1"), RandomTables.trainedModel(context, target),
                RandomTables.catalog(ITEMS), new ModelVersionWriter.VersionInfo("v1", Instant.now(), null, null, null)).dir();
        reference = new ReferenceScorer(context, target);
        onnx = new OnnxRuntimeScorer(dir);
    }

    @AfterAll
    static void close() {
        if (onnx != null) {
            onnx.close();
        }
    }

    @Test
    void randomHistoriesWithDuplicatesMatchTheReference() throws Exception {
        Random rng = new Random(7);
        for (int trial = 0; trial < 25; trial++) {
            int n = 1 + rng.nextInt(30);
            int[] history = new int[n];
            float[] weights = new float[n];
            for (int i = 0; i < n; i++) {
                // Every third entry repeats an earlier item: repeated views are common in real histories.
                history[i] = i > 0 && i % 3 == 0 ? history[rng.nextInt(i)] : rng.nextInt(ITEMS);
                weights[i] = 0.1f + 4 * rng.nextFloat();
            }
            assertSameRanking(history, weights, 1 + rng.nextInt(25));
        }
    }

    @Test
    void kBeyondTheItemsLeftReturnsEveryNonHistoryItemOnce() throws Exception {
        int[] history = {5, 9, 5, 120, 299, 0};
        float[] weights = {1, 2, 1, 0.5f, 3, 1};
        ReferenceScorer.Ranked got = onnx.topK(history, weights, 10_000);
        assertEquals(ITEMS - 5, got.items().length, "k is clamped to the items left after masking");
        assertEquals(ITEMS - 5, Arrays.stream(got.items()).distinct().count());
        for (float s : got.scores()) {
            assertTrue(Float.isFinite(s), "no masked (-inf) item is returned");
        }
        assertSameRanking(history, weights, ITEMS - 5);
    }

    @Test
    void allZeroWeightsScoreEverythingZeroAndBreakTiesByLowerIndex() throws Exception {
        int[] history = {3, 1, 7};
        float[] weights = {0, 0, 0};
        ReferenceScorer.Ranked got = onnx.topK(history, weights, 5);
        assertArrayEquals(new int[] {0, 2, 4, 5, 6}, got.items());
        assertArrayEquals(new float[5], got.scores());
        assertSameRanking(history, weights, 5);
    }

    @Test
    void someZeroWeightsIgnoreThoseEntriesButStillMaskThem() throws Exception {
        int[] history = {10, 20, 30, 40};
        float[] weights = {0, 1.5f, 0, 2};
        assertSameRanking(history, weights, 40);
        assertSameRanking(new int[] {20, 40}, new float[] {1.5f, 2}, 3);
    }

    @Test
    void emptyHistoryAndZeroOrNegativeKAreWellDefined() throws Exception {
        assertSameRanking(new int[0], new float[0], 4);
        assertEquals(0, onnx.topK(new int[] {1, 2}, new float[] {1, 1}, 0).items().length);
        assertEquals(0, onnx.topK(new int[] {1, 2}, new float[] {1, 1}, -3).items().length);
    }

    @Test
    void tablesAreExternalDataNamedAsTheContractSays() throws Exception {
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(dir.resolve(ArtifactLayout.MODEL_ONNX)));
        assertEquals(OnnxSignature.IR_VERSION, model.getIrVersion());
        assertEquals(OnnxSignature.OPSET, model.getOpsetImport(0).getVersion());
        assertEquals(Set.of(OnnxSignature.INPUT_HISTORY, OnnxSignature.INPUT_WEIGHTS, OnnxSignature.INPUT_K),
                model.getGraph().getInputList().stream().map(v -> v.getName()).collect(Collectors.toSet()));
        assertEquals(Set.of(OnnxSignature.OUTPUT_ITEMS, OnnxSignature.OUTPUT_SCORES),
                model.getGraph().getOutputList().stream().map(v -> v.getName()).collect(Collectors.toSet()));
        for (String name : new String[] {OnnxSignature.INITIALIZER_CONTEXT, OnnxSignature.INITIALIZER_TARGET}) {
            TensorProto t = model.getGraph().getInitializerList().stream()
                    .filter(i -> i.getName().equals(name)).findFirst().orElseThrow();
            assertEquals(TensorProto.DataLocation.EXTERNAL, t.getDataLocation(), name);
            assertEquals(0, t.getRawData().size(), name + " must not be stored inline");
            assertEquals(0, t.getFloatDataCount(), name + " must not be stored inline");
        }
        assertTrue(Files.size(dir.resolve(ArtifactLayout.MODEL_ONNX)) < 4096,
                "the graph file holds no table data");
    }

    private static void assertSameRanking(int[] history, float[] weights, int k) throws Exception {
        ReferenceScorer.Ranked want = reference.topK(history, weights, k);
        ReferenceScorer.Ranked got = onnx.topK(history, weights, k);
        String query = "history " + Arrays.toString(history) + " weights " + Arrays.toString(weights) + " k " + k;
        assertArrayEquals(want.items(), got.items(), "top items for " + query);
        assertArrayEquals(want.scores(), got.scores(), TOLERANCE, "top scores for " + query);
        Set<Integer> seen = Arrays.stream(history).boxed().collect(Collectors.toSet());
        for (int item : got.items()) {
            assertFalse(seen.contains(item), "history item " + item + " returned for " + query);
        }
    }
}
