package dev.assocrec.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.Checksums;
import dev.assocrec.contract.EventType;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ManifestJson;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.contract.InvalidArtifactException;
import dev.assocrec.contract.export.ModelVersionWriter;
import dev.assocrec.contract.export.OnnxScoringGraph;
import dev.assocrec.contract.export.PreAttentionGraph;
import dev.assocrec.contract.export.QuantizedTargetTable;
import dev.assocrec.contract.export.SyntheticVersions;
import dev.assocrec.functions.api.Contribution;
import dev.assocrec.functions.api.Filters;
import dev.assocrec.functions.api.HistoryItem;
import dev.assocrec.functions.api.PriceRange;
import dev.assocrec.functions.api.RecommendResponse;
import dev.assocrec.functions.api.ScoredItem;
import dev.assocrec.functions.model.LoadedModel;
import dev.assocrec.functions.scoring.ScoringSettings;
import dev.assocrec.functions.testing.BruteForce;
import dev.assocrec.functions.testing.Oracle;
import dev.assocrec.functions.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version trained with attention pooling, served by both engines (the ONNX graph, which computes the attention
 * weights itself, with its coarse pass; the Java int8 pass; the blocked Java scan): answers equal the brute-force
 * oracle, which computes the attention weights from the manifest's parameters on its own, and each answer's
 * explanation adds up to its score. A version exported before the graph computed attention is served with the Java
 * weights; a graph whose attention disagrees with its manifest is refused at load. Asking for attention on a version
 * without attention parameters is the client's mistake.
 */
class AttentionAnswersTest {
    private static final int ITEMS = 600;
    private static final int DIMS = 16;
    private static final String[] EVENTS = {"view", "cart", "purchase", null};
    private static final long NOW = Instant.parse("2026-11-28T12:00:00Z").getEpochSecond();

    @TempDir
    static Path dir;
    static ModelVersion attention;
    static ModelVersion weighted;
    static Oracle oracle;

    @BeforeAll
    static void writeVersions() throws Exception {
        Random r = new Random(8);
        List<Double> vector = new ArrayList<>();
        for (int j = 0; j < DIMS; j++) {
            vector.add(r.nextGaussian() * 3);
        }
        Map<EventType, Double> bias = new EnumMap<>(EventType.class);
        bias.put(EventType.VIEW, -0.4);
        bias.put(EventType.PURCHASE, 1.1);
        PoolingConfig pooling = PoolingConfig.attentionFrom(PoolingConfig.defaultWeighted(), DIMS)
                .withAttention(new PoolingConfig.Attention(vector, bias, -0.05, 86_400));
        attention = ModelVersionWriter.write(dir.resolve("att"), SyntheticVersions.tables(ITEMS, DIMS, 11, pooling),
                SyntheticVersions.catalog(ITEMS), SyntheticVersions.info("att", ITEMS));
        weighted = SyntheticVersions.write(dir.resolve("w"), "w", ITEMS, DIMS, 12);
        oracle = new Oracle(TestModels.Tables.read(attention.dir()));
        assertEquals(PoolingConfig.Mode.ATTENTION, oracle.tables().pooling().mode(), "the manifest keeps the pooling");
    }

    @Test
    void bothEnginesAnswerAsTheOracleWithExactExplanations() throws Exception {
        // ONNX: unfiltered requests take the Java int8 pass (HistoryPooling's weights), requests with a broad filter
        // and a zero threshold the graph, which computes the attention weights itself. Java: the blocked scan.
        Filters broad = new Filters(null, null, new PriceRange(1.0, 100.0));
        for (ScoringSettings settings : List.of(ScoringSettings.onnx(1, 0.02), ScoringSettings.onnx(1, 0.0),
                ScoringSettings.java(1, 0.02))) {
            Filters filters = settings.javaScanMaxFraction() == 0 ? broad : null;
            LoadedModel model = LoadedModel.load(attention, "test", settings);
            assertAnswersAsTheOracle(model, filters, settings.engine() + " filters " + filters);
            if (filters != null) {
                assertEquals(40, model.ranker().certifiedAnswers() + model.ranker().fallbackScans(),
                        "every filtered request went through the graph");
            }
        }
    }

    @Test
    void aVersionExportedBeforeTheGraphComputedAttentionIsServedWithTheJavaWeights(@TempDir Path other) throws Exception {
        // A format 1 version: its graph takes history, weights and k and pools the weights it is given, so serving
        // passes HistoryPooling's, as serving did when it was written.
        Path old = other.resolve("pre-attention");
        copyTree(attention.dir(), old);
        PreAttentionGraph.write(old, QuantizedTargetTable.of(oracle.tables().target()));
        relist(old, 1);
        ModelVersion version = ModelVersion.load(old);
        for (ScoringSettings settings : List.of(ScoringSettings.onnx(1, 0.0), ScoringSettings.onnx(1, 0.02))) {
            LoadedModel model = LoadedModel.load(version, "test", settings);
            Filters filters = settings.javaScanMaxFraction() == 0 ? new Filters(null, null, new PriceRange(1.0, 100.0)) : null;
            assertAnswersAsTheOracle(model, filters, "pre-attention graph, filters " + filters);
        }
    }

    @Test
    void aGraphWhoseAttentionDisagreesWithTheManifestIsRefused(@TempDir Path other) throws Exception {
        // As a buggy exporter would write it: the manifest's checksums match, the learned vector in the graph does not.
        Path bad = other.resolve("bad");
        copyTree(attention.dir(), bad);
        PoolingConfig trained = oracle.tables().pooling();
        List<Double> flipped = trained.attention().vector().stream().map(v -> -v).toList();
        OnnxScoringGraph.twoStage(QuantizedTargetTable.of(oracle.tables().target()), OnnxScoringGraph.DEFAULT_MARGIN,
                trained.withAttention(new PoolingConfig.Attention(flipped, trained.attention().typeBias(),
                        trained.attention().recencySlope(), trained.attention().recencyUnit()))).write(bad);
        relist(bad, Manifest.FORMAT_VERSION);
        ModelVersion version = ModelVersion.load(bad);
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class,
                () -> LoadedModel.load(version, "test", ScoringSettings.onnx(1, 0.02)));
        assertTrue(e.getMessage().contains("the ONNX graph pools a probe query with weights"), e.getMessage());
    }

    /** 40 random requests, half asking for the model's pooling and half for attention by name, explained. */
    private static void assertAnswersAsTheOracle(LoadedModel model, Filters filters, String setting) {
        Recommender recommender = new Recommender();
        Random r = new Random(3);
        for (int q = 0; q < 40; q++) {
            List<HistoryItem> history = randomHistory(r, 1 + r.nextInt(30));
            int k = 1 + r.nextInt(25);
            String choice = q % 2 == 0 ? null : "attention";
            RecommendResponse got = recommender.recommend(model, request(history, k, choice, 20, filters));
            String what = setting + " query " + q;
            assertNull(got.fallback(), what);
            BitSet accepted = model.index().accepted(filters);
            BruteForce.Answer want = oracle.topK(oracle.pool(history, oracle.tables().pooling()), k, true,
                    i -> accepted == null || accepted.get(i));
            oracle.assertSame(want, got, what);
            for (ScoredItem item : got.items()) {
                double sum = item.otherContribution();
                for (Contribution c : item.because()) {
                    sum += c.contribution();
                }
                assertEquals(item.score(), sum, 1e-5, what + ": contributions of " + item.item());
            }
        }
    }

    @Test
    void attentionChangesTheAnswerAgainstMeanPooling() throws Exception {
        LoadedModel model = LoadedModel.load(attention, "test", ScoringSettings.java(1, 0.02));
        List<HistoryItem> history = randomHistory(new Random(5), 12);
        RecommendResponse att = new Recommender().recommend(model, request(history, 10, "attention", 0));
        RecommendResponse mean = new Recommender().recommend(model, request(history, 10, "mean", 0));
        oracle.assertSame(oracle.topK(oracle.pool(history, PoolingConfig.mean()), 10, true, i -> true), mean, "mean");
        assertTrue(!att.items().equals(mean.items()), "the learned weights must matter on this history");
    }

    @Test
    void attentionOnAModelWithoutItIsABadRequest() throws Exception {
        LoadedModel model = LoadedModel.load(weighted, "test", ScoringSettings.java(1, 0.02));
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> new Recommender().recommend(model, request(randomHistory(new Random(1), 3), 5, "attention", 0)));
        assertEquals("pooling 'attention' needs a model trained with attention pooling; this one pools weighted "
                + "(use model, mean or weighted)", e.getMessage());
    }

    private static ParsedRequests.Recommend request(List<HistoryItem> history, int k, String pooling, int explain) {
        return request(history, k, pooling, explain, null);
    }

    private static ParsedRequests.Recommend request(List<HistoryItem> history, int k, String pooling, int explain,
                                                    Filters filters) {
        List<ParsedRequests.Entry> entries = new ArrayList<>();
        for (HistoryItem h : history) {
            entries.add(new ParsedRequests.Entry(h.item(), h.event() == null ? null : EventType.parse(h.event()),
                    h.timestamp() == null ? Double.NaN : Instant.parse((String) h.timestamp()).getEpochSecond(),
                    h.weight() == null ? 1.0 : h.weight()));
        }
        return new ParsedRequests.Recommend(entries, k, PoolingChoice.parse(pooling), true, filters, explain);
    }

    /** Repeated items, mixed events, times over 60 days or none, some explicit weights (a few zero). */
    private static List<HistoryItem> randomHistory(Random r, int n) {
        List<HistoryItem> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String item = i > 0 && r.nextInt(4) == 0 ? out.get(r.nextInt(i)).item() : SyntheticVersions.itemId(r.nextInt(ITEMS));
            String time = r.nextInt(6) == 0 ? null : Instant.ofEpochSecond(NOW - r.nextInt(60 * 86_400)).toString();
            Double weight = r.nextInt(5) == 0 ? (r.nextInt(3) == 0 ? 0.0 : 0.5 + 2 * r.nextDouble()) : null;
            out.add(new HistoryItem(item, EVENTS[r.nextInt(EVENTS.length)], time, weight));
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    /** Rewrites the manifest in {@code format} with the checksums of the files as they are now. */
    private static void relist(Path dir, int format) throws IOException {
        Manifest m = ManifestJson.read(dir.resolve(ArtifactLayout.MANIFEST));
        ManifestJson.write(new Manifest(format, m.version(), m.createdAt(), m.itemCount(), m.dimensions(),
                m.pooling(), m.popularItems(), Checksums.ofFiles(dir, ModelVersionWriter.WRITTEN_FILES), m.metrics(),
                m.training(), m.data()), dir.resolve(ArtifactLayout.MANIFEST));
    }
}
