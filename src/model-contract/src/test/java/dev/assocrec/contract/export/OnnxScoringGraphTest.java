package dev.assocrec.contract.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.EventType;
import dev.assocrec.contract.HistoryEntry;
import dev.assocrec.contract.HistoryPooling;
import dev.assocrec.contract.OnnxSignature;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.contract.PoolingInputs;
import dev.assocrec.contract.ReferenceScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported version folder, loaded by ONNX Runtime from its path as serving does, ranks exactly as
 * the Java reference does whenever it certifies its answer, and certifies most answers.
 */
class OnnxScoringGraphTest {
    private static final int ITEMS = 2000;
    private static final int DIMS = 16;
    private static final float TOLERANCE = 1e-5f;

    @TempDir
    static Path work;
    private static Path dir;
    private static ReferenceScorer reference;
    private static EmbeddingTable targetTable;
    private static OnnxRuntimeScorer onnx;

    @BeforeAll
    static void export() throws Exception {
        Random rng = new Random(42);
        EmbeddingTable context = RandomTables.gaussian(ITEMS, DIMS, rng);
        EmbeddingTable target = RandomTables.gaussian(ITEMS, DIMS, rng);
        dir = ModelVersionWriter.write(work.resolve("v1"), RandomTables.trainedModel(context, target),
                RandomTables.catalog(ITEMS), new ModelVersionWriter.VersionInfo("v1", Instant.now(), null, null, null)).dir();
        reference = new ReferenceScorer(context, target);
        targetTable = target;
        onnx = new OnnxRuntimeScorer(dir);
    }

    @AfterAll
    static void close() {
        if (onnx != null) {
            onnx.close();
        }
    }

    @Test
    void randomHistoriesWithDuplicatesAreCertifiedAndMatchTheReference() throws Exception {
        Random rng = new Random(7);
        int trials = 50;
        int certified = 0;
        for (int trial = 0; trial < trials; trial++) {
            int n = 1 + rng.nextInt(30);
            int[] history = new int[n];
            float[] weights = new float[n];
            for (int i = 0; i < n; i++) {
                // Every third entry repeats an earlier item: repeated views are common in real histories.
                history[i] = i > 0 && i % 3 == 0 ? history[rng.nextInt(i)] : rng.nextInt(ITEMS);
                weights[i] = 0.1f + 4 * rng.nextFloat();
            }
            if (assertSameRankingWhenCertified(onnx, history, weights, 1 + rng.nextInt(25))) {
                certified++;
            }
        }
        assertTrue(certified >= trials * 9 / 10, "only " + certified + " of " + trials + " answers certified");
    }

    /**
     * The graph computes the attention weights and pools in tensor form: over thousands of random histories
     * (repeated items, one entry, zero-weight padding, all-zero weights, event types, ages of minutes to
     * decades on either time axis, all-equal logits) and eight graphs (random learned attention, an all-zero one,
     * a steep one, a mean model's), its alpha equals the contract's normalised weights
     * ({@link HistoryPooling#weights(List, PoolingConfig, EmbeddingTable)}), its pooled vector
     * {@link HistoryPooling#pool}, and every returned score that vector times the item's target row, within
     * float rounding. Requests for mean or weighted pooling go to the same graphs with attend false.
     */
    @Test
    void graphAttentionAndPoolingEqualTheContractsOnRandomHistories(@TempDir Path graphs) throws Exception {
        Random rng = new Random(2026);
        EmbeddingTable context = RandomTables.gaussian(ITEMS, DIMS, new Random(42));
        EventType[] types = EventType.values();
        List<PoolingConfig> models = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            models.add(randomAttention(rng, PoolingConfig.defaultWeighted(), 1));
            models.add(randomAttention(rng, PoolingConfig.positional(2), 1));
        }
        models.set(4, randomAttention(rng, PoolingConfig.defaultWeighted(), 0)); // every logit equal: a plain mean
        models.set(5, randomAttention(rng, PoolingConfig.defaultWeighted(), 20)); // one entry takes nearly all
        models.add(PoolingConfig.defaultWeighted());
        models.add(PoolingConfig.positional(3));
        double worstAlpha = 0;
        double worstPooled = 0;
        int trials = 0;
        for (int m = 0; m < models.size(); m++) {
            PoolingConfig model = models.get(m);
            try (OnnxRuntimeScorer graph = new OnnxRuntimeScorer(withPooledOutput(graphs.resolve("m" + m), model))) {
                for (int q = 0; q < 500; q++, trials++) {
                    PoolingConfig pooling = switch (q % 5) {
                        case 0 -> PoolingConfig.mean();
                        case 1 -> model.mode() == PoolingConfig.Mode.ATTENTION ? model : PoolingConfig.positional(2);
                        default -> model;
                    };
                    boolean positions = pooling.timeAxis() == PoolingConfig.TimeAxis.POSITIONS;
                    int n = q % 25 == 0 ? 1 : 1 + rng.nextInt(40);
                    // Ages: most within 120 days (or positions), some decades back.
                    double span = rng.nextInt(10) == 0 ? 40 * 365 : 120;
                    List<HistoryEntry> entries = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        int item = i > 0 && rng.nextInt(3) == 0 ? entries.get(rng.nextInt(i)).itemIndex() : rng.nextInt(ITEMS);
                        double time = rng.nextInt(8) == 0 ? Double.NaN
                                : positions ? i * (span / 120) : 1.7e9 + rng.nextDouble() * span * 24 * 3600;
                        double extra = q % 50 == 7 ? 0 : rng.nextInt(6) == 0 ? 0 : 0.1 + 3 * rng.nextDouble();
                        entries.add(new HistoryEntry(item, rng.nextInt(5) == 0 ? null : types[rng.nextInt(types.length)],
                                time, extra));
                    }
                    PoolingInputs in = HistoryPooling.inputs(entries, pooling, context);
                    float[] wantAlpha = HistoryPooling.normalised(in.weights());
                    float[] wantPooled = HistoryPooling.pool(context, in.items(), in.weights());
                    OnnxRuntimeScorer.Answer got = graph.answer(in, 1 + rng.nextInt(20));
                    String what = "model " + m + " query " + q + " " + pooling.mode() + ": " + entries;
                    assertEquals(n, got.alpha().length, what);
                    for (int i = 0; i < n; i++) {
                        worstAlpha = Math.max(worstAlpha, Math.abs(wantAlpha[i] - got.alpha()[i]));
                        assertEquals(wantAlpha[i], got.alpha()[i], 2e-5, what + ": alpha of entry " + i);
                    }
                    for (int j = 0; j < DIMS; j++) {
                        worstPooled = Math.max(worstPooled, Math.abs(wantPooled[j] - got.pooled()[j]));
                        assertEquals(wantPooled[j], got.pooled()[j], 2e-5, what + ": pooled[" + j + "]");
                    }
                    for (int r = 0; r < got.ranked().items().length; r++) {
                        // Rows have norms near 1, so scores are O(1) and float rounding is ~1e-6; a pooling that
                        // differs (no normalisation, repeated items counted once, zero weights kept) is off by ~0.1.
                        assertEquals(reference.score(wantPooled, got.ranked().items()[r]), got.ranked().scores()[r], 2e-5,
                                what + ": score of item " + got.ranked().items()[r]);
                    }
                }
            }
        }
        assertEquals(4000, trials);
        System.out.printf("graph vs HistoryPooling over %d histories: largest |alpha difference| %.2e, "
                + "largest |pooled difference| %.2e%n", trials, worstAlpha, worstPooled);
    }

    /**
     * The version folder of {@link #dir} with the graph for {@code pooling}, which also outputs its pooled vector:
     * the tables are the same files, only the learned attention differs.
     */
    private static Path withPooledOutput(Path version, PoolingConfig pooling) throws Exception {
        Files.createDirectories(version);
        for (String table : new String[] {ArtifactLayout.CONTEXT_TABLE, ArtifactLayout.TARGET_TABLE,
                ArtifactLayout.QUANTIZED_TARGET_TABLE}) {
            Files.copy(dir.resolve(table), version.resolve(table));
        }
        ModelProto graph = OnnxScoringGraph.twoStage(QuantizedTargetTable.of(targetTable), OnnxScoringGraph.DEFAULT_MARGIN,
                pooling).build();
        GraphProto.Builder withPooled = graph.getGraph().toBuilder()
                .addOutput(ValueInfoProto.newBuilder().setName("pooled"));
        Files.write(version.resolve(ArtifactLayout.MODEL_ONNX), graph.toBuilder().setGraph(withPooled).build().toByteArray());
        return version;
    }

    /**
     * Attention with random learned parameters, logits spread over several units times {@code scale} (0: every
     * logit 0, so the weights are the explicit ones).
     */
    private static PoolingConfig randomAttention(Random rng, PoolingConfig base, double scale) {
        List<Double> vector = new ArrayList<>();
        for (int j = 0; j < DIMS; j++) {
            vector.add(rng.nextGaussian() * 3 * scale);
        }
        java.util.Map<EventType, Double> bias = new java.util.EnumMap<>(EventType.class);
        for (EventType t : EventType.values()) {
            if (rng.nextBoolean()) {
                bias.put(t, rng.nextGaussian() * scale);
            }
        }
        PoolingConfig seed = PoolingConfig.attentionFrom(base, DIMS);
        return seed.withAttention(new PoolingConfig.Attention(vector, bias, -rng.nextDouble() * scale,
                seed.attention().recencyUnit()));
    }

    @Test
    void kBeyondTheItemsLeftReturnsEveryNonHistoryItemOnce() throws Exception {
        int[] history = {5, 9, 5, 120, 299, 0};
        float[] weights = {1, 2, 1, 0.5f, 3, 1};
        OnnxRuntimeScorer.Answer answer = onnx.answer(history, weights, 10_000);
        ReferenceScorer.Ranked got = answer.ranked();
        assertTrue(answer.exact(), "every item is a candidate: nothing is left to beat the answer");
        assertEquals(ITEMS - 5, got.items().length, "k is clamped to the items left after masking");
        assertEquals(ITEMS - 5, Arrays.stream(got.items()).distinct().count());
        for (float s : got.scores()) {
            assertTrue(Float.isFinite(s), "no masked (-inf) item is returned");
        }
        assertSameRanking(got, history, weights, ITEMS - 5);
    }

    @Test
    void allZeroWeightsTieEverythingAndAreNotCertified() throws Exception {
        // Every score is 0: items outside the candidates tie with the k-th, so only a full scan can
        // break the tie by index (serving then scans).
        OnnxRuntimeScorer.Answer answer = onnx.answer(new int[] {3, 1, 7}, new float[] {0, 0, 0}, 5);
        assertFalse(answer.exact());
        assertArrayEquals(new float[5], answer.ranked().scores());
    }

    @Test
    void someZeroWeightsIgnoreThoseEntriesButStillMaskThem() throws Exception {
        int[] history = {10, 20, 30, 40};
        float[] weights = {0, 1.5f, 0, 2};
        assertTrue(assertSameRankingWhenCertified(onnx, history, weights, 40));
        assertTrue(assertSameRankingWhenCertified(onnx, new int[] {20, 40}, new float[] {1.5f, 2}, 3));
        ReferenceScorer.Ranked got = onnx.topK(history, weights, ITEMS);
        assertFalse(Arrays.stream(got.items()).anyMatch(i -> i == 10 || i == 30), "zero-weight entries are masked too");
    }

    @Test
    void emptyHistoryAndZeroOrNegativeKAreWellDefined() throws Exception {
        OnnxRuntimeScorer.Answer empty = onnx.answer(new int[0], new float[0], 4);
        assertEquals(4, empty.ranked().items().length);
        assertFalse(empty.exact(), "an empty history pools to zero: everything ties");
        for (int k : new int[] {0, -3}) {
            OnnxRuntimeScorer.Answer none = onnx.answer(new int[] {1, 2}, new float[] {1, 1}, k);
            assertEquals(0, none.ranked().items().length);
            assertTrue(none.exact(), "an empty answer is trivially the full scan's");
        }
    }

    @Test
    void certificateNeverHoldsForAWrongAnswer(@TempDir Path other) throws Exception {
        // Pairs of target rows closer than the int8 step: the coarse pass cannot order them, and with no
        // candidate margin it often keeps the wrong one of a pair. Those answers must not be certified.
        Random rng = new Random(5);
        int pairs = 500;
        EmbeddingTable base = RandomTables.gaussian(pairs, DIMS, rng);
        float[] rows = new float[2 * pairs * DIMS];
        for (int i = 0; i < pairs * DIMS; i++) {
            rows[i] = base.data()[i];
            rows[pairs * DIMS + i] = base.data()[i] + (float) (rng.nextGaussian() * 1e-3);
        }
        EmbeddingTable nearTies = new EmbeddingTable(2 * pairs, DIMS, rows);
        EmbeddingTable context = RandomTables.gaussian(2 * pairs, DIMS, rng);
        Path version = ModelVersionWriter.write(other.resolve("ties"), RandomTables.trainedModel(context, nearTies),
                RandomTables.catalog(2 * pairs), new ModelVersionWriter.VersionInfo("ties", Instant.now(), null, null, null))
                .dir();
        OnnxScoringGraph.twoStage(QuantizedTargetTable.of(nearTies), 0).write(version);
        ReferenceScorer tiesReference = new ReferenceScorer(context, nearTies);
        int certified = 0;
        int wrongUncertified = 0;
        try (OnnxRuntimeScorer graph = new OnnxRuntimeScorer(version)) {
            for (int q = 0; q < 60; q++) {
                int[] history = {rng.nextInt(2 * pairs), rng.nextInt(2 * pairs)};
                float[] weights = {1, 0.5f + rng.nextFloat()};
                OnnxRuntimeScorer.Answer answer = graph.answer(history, weights, 10);
                ReferenceScorer.Ranked want = tiesReference.topK(history, weights, 10);
                if (answer.exact()) {
                    certified++;
                    assertArrayEquals(want.items(), answer.ranked().items(), "certified answer " + q);
                } else if (!Arrays.equals(want.items(), answer.ranked().items())) {
                    wrongUncertified++;
                }
            }
        }
        assertTrue(wrongUncertified > 0, "the coarse pass was expected to miss some near-ties without a margin");
        assertTrue(certified > 0, "some answers separate clearly enough to be certified");
    }

    @Test
    void coarseScoresAreTheExactIntegerProducts(@TempDir Path other) throws Exception {
        // Positive rows and a positive pooled vector push both operands to their largest levels: the case
        // where x86 kernels without VNNI would saturate int16 pair sums if the table used 8-bit levels.
        Random rng = new Random(8);
        int items = 700;
        float[] rows = new float[items * DIMS];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 0.5f + rng.nextFloat();
        }
        EmbeddingTable positive = new EmbeddingTable(items, DIMS, rows);
        Path version = ModelVersionWriter.write(other.resolve("positive"), RandomTables.trainedModel(positive, positive),
                RandomTables.catalog(items), new ModelVersionWriter.VersionInfo("positive", Instant.now(), null, null, null))
                .dir();
        QuantizedTargetTable quantized = QuantizedTargetTable.of(positive);
        ModelProto graph = OnnxScoringGraph.twoStage(quantized, OnnxScoringGraph.DEFAULT_MARGIN).build();
        GraphProto.Builder withInternals = graph.getGraph().toBuilder();
        for (String internal : new String[] {"pooled_q", "pooled_zero", "coarse_scores"}) {
            withInternals.addOutput(ValueInfoProto.newBuilder().setName(internal));
        }
        Files.write(version.resolve(ArtifactLayout.MODEL_ONNX), graph.toBuilder().setGraph(withInternals).build().toByteArray());
        try (Model model = Model.newInstance("internals", Device.cpu(), "OnnxRuntime")) {
            model.load(version, ArtifactLayout.MODEL_ONNX);
            try (NDManager m = model.getNDManager().newSubManager();
                 Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
                NDArray h = m.create(new long[] {3, 90, 411});
                h.setName(OnnxSignature.INPUT_HISTORY);
                NDArray w = m.create(new float[] {1, 2, 1});
                w.setName(OnnxSignature.INPUT_WEIGHTS);
                NDArray types = m.create(new long[3]);
                types.setName(OnnxSignature.INPUT_EVENT_TYPES);
                NDArray ages = m.create(new float[3]);
                ages.setName(OnnxSignature.INPUT_AGES);
                NDArray attend = m.create(new boolean[] {false});
                attend.setName(OnnxSignature.INPUT_ATTEND);
                NDArray k = m.create(new long[] {10});
                k.setName(OnnxSignature.INPUT_K);
                NDList out = predictor.predict(new NDList(h, w, types, ages, attend, k));
                int[] pooledQ = out.get("pooled_q").toUint8Array();
                int zero = out.get("pooled_zero").toUint8Array()[0];
                int[] coarse = out.get("coarse_scores").toIntArray();
                int saturating = 0;
                for (int item = 0; item < items; item++) {
                    long exact = 0;
                    for (int j = 0; j < DIMS; j++) {
                        exact += (long) (pooledQ[j] - zero) * quantized.level(item, j);
                        if (j % 2 == 1 && (pooledQ[j - 1] + pooledQ[j]) * 127 > Short.MAX_VALUE) {
                            saturating++;
                        }
                    }
                    assertEquals(exact, coarse[item], "coarse score of item " + item);
                }
                assertTrue(saturating > 0, "the query must reach levels that 8-bit weights would saturate");
            }
        }
    }

    @Test
    void exhaustiveGraphOfEarlierVersionsHasNoCertificateAndMatches(@TempDir Path other) throws Exception {
        Path old = Files.createDirectories(other.resolve("old"));
        for (String table : new String[] {ArtifactLayout.CONTEXT_TABLE, ArtifactLayout.TARGET_TABLE}) {
            Files.copy(dir.resolve(table), old.resolve(table));
        }
        ExhaustiveGraph.write(old, ITEMS, DIMS);
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(old.resolve(ArtifactLayout.MODEL_ONNX)));
        assertEquals(Set.of(OnnxSignature.OUTPUT_ITEMS, OnnxSignature.OUTPUT_SCORES),
                model.getGraph().getOutputList().stream().map(v -> v.getName()).collect(Collectors.toSet()));
        try (OnnxRuntimeScorer graph = new OnnxRuntimeScorer(old)) {
            int[] history = {4, 17, 4, 1999};
            float[] weights = {1, 2, 0.5f, 1};
            OnnxRuntimeScorer.Answer answer = graph.answer(history, weights, 12);
            assertTrue(answer.exact());
            assertSameRanking(answer.ranked(), history, weights, 12);
        }
    }

    @Test
    void graphOfVersionsExportedBeforeAttentionPoolsTheGivenWeights(@TempDir Path other) throws Exception {
        // Earlier versions take HistoryPooling's weights (attention's too) and pool them as given; no alpha.
        Path old = Files.createDirectories(other.resolve("pre-attention"));
        for (String table : new String[] {ArtifactLayout.CONTEXT_TABLE, ArtifactLayout.TARGET_TABLE,
                ArtifactLayout.QUANTIZED_TARGET_TABLE}) {
            Files.copy(dir.resolve(table), old.resolve(table));
        }
        PreAttentionGraph.write(old, QuantizedTargetTable.of(targetTable));
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(old.resolve(ArtifactLayout.MODEL_ONNX)));
        assertEquals(List.of(OnnxSignature.INPUT_HISTORY, OnnxSignature.INPUT_WEIGHTS, OnnxSignature.INPUT_K),
                model.getGraph().getInputList().stream().map(v -> v.getName()).toList());
        try (OnnxRuntimeScorer graph = new OnnxRuntimeScorer(old)) {
            int[] history = {4, 17, 4, 1999};
            float[] weights = {1, 0.002f, 0.5f, 7};
            OnnxRuntimeScorer.Answer answer = graph.answer(history, weights, 12);
            assertTrue(answer.exact());
            assertEquals(null, answer.alpha());
            assertSameRanking(answer.ranked(), history, weights, 12);
        }
    }

    @Test
    void tablesAreExternalDataNamedAsTheContractSays() throws Exception {
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(dir.resolve(ArtifactLayout.MODEL_ONNX)));
        assertEquals(OnnxSignature.IR_VERSION, model.getIrVersion());
        assertEquals(OnnxSignature.OPSET, model.getOpsetImport(0).getVersion());
        assertEquals(List.of(OnnxSignature.INPUT_HISTORY, OnnxSignature.INPUT_WEIGHTS, OnnxSignature.INPUT_EVENT_TYPES,
                        OnnxSignature.INPUT_AGES, OnnxSignature.INPUT_ATTEND, OnnxSignature.INPUT_K),
                model.getGraph().getInputList().stream().map(v -> v.getName()).toList());
        assertEquals(Set.of(OnnxSignature.OUTPUT_ITEMS, OnnxSignature.OUTPUT_SCORES, OnnxSignature.OUTPUT_EXACT,
                        OnnxSignature.OUTPUT_ALPHA),
                model.getGraph().getOutputList().stream().map(v -> v.getName()).collect(Collectors.toSet()));
        for (String name : new String[] {OnnxSignature.INITIALIZER_CONTEXT, OnnxSignature.INITIALIZER_TARGET,
                OnnxSignature.INITIALIZER_TARGET_INT8}) {
            TensorProto t = model.getGraph().getInitializerList().stream()
                    .filter(i -> i.getName().equals(name)).findFirst().orElseThrow();
            assertEquals(TensorProto.DataLocation.EXTERNAL, t.getDataLocation(), name);
            assertEquals(0, t.getRawData().size(), name + " must not be stored inline");
            assertEquals(0, t.getFloatDataCount(), name + " must not be stored inline");
        }
        TensorProto int8 = model.getGraph().getInitializerList().stream()
                .filter(i -> i.getName().equals(OnnxSignature.INITIALIZER_TARGET_INT8)).findFirst().orElseThrow();
        assertEquals(TensorProto.DataType.INT8_VALUE, int8.getDataType());
        assertEquals(java.util.List.of((long) DIMS, (long) ITEMS), int8.getDimsList(), "dims x items: MatMulInteger's B");
        assertTrue(Files.size(dir.resolve(ArtifactLayout.MODEL_ONNX)) < 16384,
                "the graph file holds no table data");
    }

    /** Asserts the reference's ranking when the graph certifies its answer; returns whether it did. */
    private static boolean assertSameRankingWhenCertified(OnnxRuntimeScorer graph, int[] history, float[] weights, int k)
            throws Exception {
        OnnxRuntimeScorer.Answer answer = graph.answer(history, weights, k);
        if (answer.exact()) {
            assertSameRanking(answer.ranked(), history, weights, k);
        }
        return answer.exact();
    }

    private static void assertSameRanking(ReferenceScorer.Ranked got, int[] history, float[] weights, int k) {
        ReferenceScorer.Ranked want = reference.topK(history, weights, k);
        String query = "history " + Arrays.toString(history) + " weights " + Arrays.toString(weights) + " k " + k;
        assertArrayEquals(want.items(), got.items(), "top items for " + query);
        assertArrayEquals(want.scores(), got.scores(), TOLERANCE, "top scores for " + query);
        Set<Integer> seen = Arrays.stream(history).boxed().collect(Collectors.toSet());
        for (int item : got.items()) {
            assertFalse(seen.contains(item), "history item " + item + " returned for " + query);
        }
    }
}
