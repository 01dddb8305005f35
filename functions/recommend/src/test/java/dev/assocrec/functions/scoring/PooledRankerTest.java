package dev.assocrec.functions.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.Checksums;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.HistoryPooling;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ManifestJson;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.contract.export.ExhaustiveGraph;
import dev.assocrec.contract.export.ModelVersionWriter;
import dev.assocrec.contract.export.OnnxScoringGraph;
import dev.assocrec.contract.export.QuantizedTargetTable;
import dev.assocrec.contract.export.SyntheticVersions;
import dev.assocrec.contract.export.VersionTables;
import dev.assocrec.functions.api.Filters;
import dev.assocrec.functions.api.PriceRange;
import dev.assocrec.functions.model.LoadedModel;
import dev.assocrec.functions.testing.BruteForce;
import dev.assocrec.functions.testing.PlantedShop;
import dev.assocrec.functions.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every scoring path (graph, Java scan, over-fetch, history merge) against the brute-force oracle. */
class PooledRankerTest {
    private static final int ITEMS = 3000;
    private static final int DIMS = 16;

    @TempDir
    static Path store;

    static EmbeddingTable context;
    static EmbeddingTable target;
    static ItemCatalog catalog;
    static ModelVersion version;

    @BeforeAll
    static void writeModel() throws IOException {
        version = TestModels.write(store.resolve("v1"), "v1", ITEMS, DIMS, 1);
        context = version.readContextTable();
        target = version.readTargetTable();
        catalog = version.catalog();
    }

    @Test
    void everyPathMatchesBruteForce() throws IOException {
        List<Filters> filters = java.util.Arrays.asList(
                null,
                new Filters(List.of("shoes"), null, null),                       // 10 %: Java scan
                new Filters(null, null, new PriceRange(5.0, 95.0)),             // ~83 %: over-fetch
                new Filters(List.of("bags", "hats"), List.of("acme", "globex"), new PriceRange(null, 50.0)),
                new Filters(List.of("no-such-category"), null, null));
        // Thresholds 0 and 1 force the whole-catalogue ranker (ONNX: the over-fetch) and the Java scan of the
        // kept items on every filtered request; the blocked scan runs on the caller alone and split in three.
        List<ScoringSettings> settings = new java.util.ArrayList<>();
        for (double threshold : new double[] {0.0, 0.25, 1.0}) {
            settings.add(ScoringSettings.onnx(1, threshold));
            settings.add(ScoringSettings.java(1, threshold));
        }
        settings.add(ScoringSettings.java(3, 0.0));
        // The coarse kernel pinned by assocrec.scoring.coarse-kernel serves the unfiltered requests.
        settings.add(ScoringSettings.onnx(1, 0.25).withCoarseKernel(ScoringSettings.KernelChoice.JAVA));
        settings.add(ScoringSettings.onnx(1, 0.25).withCoarseKernel(ScoringSettings.KernelChoice.ONNX));
        settings.add(ScoringSettings.onnx(1, 0.25).withCoarseKernel(ScoringSettings.KernelChoice.FASTSCAN));
        for (ScoringSettings setting : settings) {
            LoadedModel model = LoadedModel.load(version, "test", setting);
            if (setting.coarseKernel() != ScoringSettings.KernelChoice.AUTO) {
                String kernel = switch (setting.coarseKernel()) {
                    case JAVA -> "VectorCoarseKernel";
                    case ONNX -> "OrtCoarseKernel";
                    default -> "fast scan";
                };
                assertTrue(model.ranker().coarsePass().startsWith(kernel) && model.ranker().coarsePass().contains(" (pinned"),
                        model.ranker().coarsePass());
            }
            Random r = new Random(7);
            for (int q = 0; q < 40; q++) {
                int n = 1 + r.nextInt(20);
                int[] history = new int[n];
                float[] weights = new float[n];
                for (int i = 0; i < n; i++) {
                    history[i] = r.nextInt(ITEMS);
                    weights[i] = 0.1f + r.nextFloat();
                }
                int k = 1 + r.nextInt(30);
                boolean exclude = q % 3 != 0;
                Filters f = filters.get(q % filters.size());
                BitSet accepted = model.index().accepted(f);
                BitSet historySet = new BitSet();
                for (int h : history) {
                    historySet.set(h);
                }
                BitSet oracleAccepted = accepted == null ? null : (BitSet) accepted.clone();
                Ranked got = model.ranker().rank(history, weights, k, accepted, exclude);
                BruteForce.Answer want = BruteForce.topK(context, target, history, weights, k,
                        i -> (oracleAccepted == null || oracleAccepted.get(i)) && !(exclude && historySet.get(i)));
                String what = "query " + q + " " + setting + " filter " + f + " exclude " + exclude;
                assertArrayEquals(want.items(), got.items(), what);
                for (int i = 0; i < got.items().length; i++) {
                    assertEquals(want.scores()[i], got.scores()[i], 1e-5, what + " score " + i);
                }
            }
        }
    }

    @Test
    void filterAcceptsExactlyTheMatchingItems() {
        CatalogIndex index = new CatalogIndex(catalog);
        BitSet accepted = index.accepted(new Filters(List.of("bags"), List.of("initech"), new PriceRange(10.0, 60.0)));
        for (int i = 0; i < ITEMS; i++) {
            var r = catalog.get(i);
            boolean want = "bags".equals(r.category()) && "initech".equals(r.brand()) && r.price() != null
                    && r.price() >= 10 && r.price() <= 60;
            assertEquals(want, accepted.get(i), "item " + i + " " + r);
        }
        assertTrue(accepted.cardinality() > 0);
    }

    @Test
    void graphThatDisagreesWithTheTablesIsRefused(@TempDir Path other) throws IOException {
        Path bad = TestModels.write(other.resolve("v2"), "v2", ITEMS, DIMS, 2).dir();
        // A graph that reads the tables with the wrong row width scores nonsense. Its manifest is made
        // to match, as a buggy exporter would write it: the checksums pass, the probe query must not.
        ExhaustiveGraph.write(bad, ITEMS * 2, DIMS / 2);
        relist(bad, ModelVersionWriter.WRITTEN_FILES);
        ModelVersion verified = ModelVersion.load(bad);
        IOException e = assertThrows(IOException.class, () -> LoadedModel.load(verified, "test", ScoringSettings.onnx(1, 0.25)));
        assertTrue(e.getMessage().contains("disagrees with the embedding tables"), e.getMessage());
    }

    @Test
    void uncertifiedGraphAnswersAreReplacedByAnExactScan(@TempDir Path other) throws IOException {
        // Pairs of target rows closer than the int8 step, and a graph with no candidate margin: the coarse
        // pass often keeps the wrong one of a pair, cannot certify those answers, and the ranker must scan.
        int pairs = ITEMS / 2;
        EmbeddingTable base = SyntheticVersions.gaussian(pairs, DIMS, 3);
        EmbeddingTable noise = SyntheticVersions.gaussian(pairs, DIMS, 4);
        float[] rows = new float[ITEMS * DIMS];
        for (int i = 0; i < pairs * DIMS; i++) {
            rows[i] = base.data()[i];
            rows[pairs * DIMS + i] = base.data()[i] + 1e-3f * noise.data()[i];
        }
        EmbeddingTable nearTies = new EmbeddingTable(ITEMS, DIMS, rows);
        EmbeddingTable tiesContext = SyntheticVersions.gaussian(ITEMS, DIMS, 5);
        Path dir = ModelVersionWriter.write(other.resolve("ties"), VersionTables.of(tiesContext, nearTies,
                PoolingConfig.mean()), catalog,
                new ModelVersionWriter.VersionInfo("ties", Instant.now(), List.of(), null, null)).dir();
        OnnxScoringGraph.twoStage(QuantizedTargetTable.of(nearTies), 0).write(dir);
        relist(dir, ModelVersionWriter.WRITTEN_FILES);

        LoadedModel model = LoadedModel.load(ModelVersion.load(dir), "test", ScoringSettings.onnx(1, 0.25));
        int wrongGraphAnswers = 0;
        try (OrtScorer graph = new OrtScorer(dir, 1)) {
            Random r = new Random(11);
            for (int q = 0; q < 60; q++) {
                int[] history = {r.nextInt(ITEMS), r.nextInt(ITEMS), r.nextInt(ITEMS)};
                float[] weights = {1, 0.5f + r.nextFloat(), 0.2f};
                // Every other query through a broad filter: the over-fetch path reads the certificate too.
                Filters f = q % 2 == 0 ? null : new Filters(null, null, new PriceRange(5.0, 95.0));
                BitSet accepted = model.index().accepted(f);
                BitSet oracleAccepted = accepted == null ? null : (BitSet) accepted.clone();
                Ranked got = model.ranker().rank(history, weights, 10, accepted, true);
                BruteForce.Answer want = BruteForce.topK(tiesContext, nearTies, history, weights, 10,
                        i -> (oracleAccepted == null || oracleAccepted.get(i)) && !contains(history, i));
                assertArrayEquals(want.items(), got.items(), "query " + q + " filter " + f);
                for (int i = 0; i < got.items().length; i++) {
                    assertEquals(want.scores()[i], got.scores()[i], 1e-5, "query " + q + " score " + i);
                }
                if (f == null && !java.util.Arrays.equals(want.items(), graph.topK(history, weights, 10).ranked().items())) {
                    wrongGraphAnswers++;
                }
            }
        }
        assertTrue(wrongGraphAnswers > 0, "the margin-0 graph was expected to get some near-ties wrong");
        assertTrue(model.ranker().fallbackScans() >= wrongGraphAnswers,
                model.ranker().fallbackScans() + " fallbacks for " + wrongGraphAnswers + " wrong graph answers");
        assertTrue(model.ranker().certifiedAnswers() > 0, "clearly separated answers are still certified");
    }

    @Test
    void aModelWithPlantedStructureCertifiesTheLargeMajorityOfItsAnswers(@TempDir Path other) throws IOException {
        // Category clusters and a popularity prior, as a trained GCN has them, asked with its users' histories.
        VersionTables planted = PlantedShop.tables(ITEMS, DIMS, 21);
        ModelVersion v = ModelVersionWriter.write(other.resolve("planted"), planted, catalog,
                new ModelVersionWriter.VersionInfo("planted", Instant.now(), List.of(), null, null));
        LoadedModel model = LoadedModel.load(v, "test", ScoringSettings.onnx(1, 0.25));
        List<PlantedShop.User> users = PlantedShop.users(ITEMS, 300, 6, 22);
        int inTaste = 0;
        for (int u = 0; u < users.size(); u++) {
            PlantedShop.User user = users.get(u);
            int[] history = user.items();
            float[] weights = HistoryPooling.weights(user.entries(), planted.pooling());
            Ranked got = model.ranker().rank(history, weights, 10, null, true);
            BruteForce.Answer want = BruteForce.topK(planted.context(), planted.target(), history, weights, 10,
                    i -> !contains(history, i));
            double[] pooled = BruteForce.pool(planted.context(), history, weights);
            assertEquals(want.items().length, got.items().length, "user " + u + ": " + Arrays.toString(got.items()));
            for (int i = 0; i < want.items().length; i++) {
                // Items whose exact scores differ by less than float32 resolves may come in either order.
                double gotExact = BruteForce.score(planted.target(), pooled, got.items()[i]);
                assertEquals(want.scores()[i], gotExact, 1e-6 * Math.abs(want.scores()[i]),
                        "user " + u + " rank " + i + ": " + Arrays.toString(want.items()) + " vs " + Arrays.toString(got.items()));
            }
            assertEquals(got.items().length, Arrays.stream(got.items()).distinct().filter(i -> !contains(history, i)).count(),
                    "user " + u + ": distinct items outside the history " + Arrays.toString(got.items()));
            inTaste += (int) Arrays.stream(got.items()).filter(i -> i % 10 == user.taste()).count();
        }
        // The planted structure is there to be met: most answers come from the user's own category.
        assertTrue(inTaste >= users.size() * 10 * 3 / 4, inTaste + " of " + users.size() * 10 + " answers in the taste");
        assertTrue(model.ranker().certifiedAnswers() >= users.size() * 9 / 10, model.ranker().certifiedAnswers() + " of "
                + users.size() + " answers certified, " + model.ranker().fallbackScans() + " scanned");
    }

    @Test
    void versionExportedBeforeTheCoarsePassStillServesExactly(@TempDir Path other) throws IOException {
        // What earlier exporters wrote: a full-scan graph without the certificate output, and no target.i8.
        Path dir = TestModels.write(other.resolve("old"), "old", ITEMS, DIMS, 1).dir();
        Files.delete(dir.resolve(ArtifactLayout.QUANTIZED_TARGET_TABLE));
        ExhaustiveGraph.write(dir, ITEMS, DIMS);
        relist(dir, ArtifactLayout.CHECKSUMMED_FILES);

        LoadedModel model = LoadedModel.load(ModelVersion.load(dir), "test", ScoringSettings.onnx(1, 0.25));
        Random r = new Random(13);
        for (int q = 0; q < 20; q++) {
            int[] history = {r.nextInt(ITEMS), r.nextInt(ITEMS)};
            float[] weights = {1, 2};
            Ranked got = model.ranker().rank(history, weights, 7, null, true);
            BruteForce.Answer want = BruteForce.topK(context, target, history, weights, 7, i -> !contains(history, i));
            assertArrayEquals(want.items(), got.items(), "query " + q);
        }
        assertEquals(20, model.ranker().certifiedAnswers(), "a graph without a certificate scans everything: exact");
        assertEquals(0, model.ranker().fallbackScans());
    }

    /** Rewrites the manifest to list exactly these files with their current checksums. */
    private static void relist(Path dir, List<String> files) throws IOException {
        Manifest m = ManifestJson.read(dir.resolve(ArtifactLayout.MANIFEST));
        ManifestJson.write(new Manifest(m.formatVersion(), m.version(), m.createdAt(), m.itemCount(), m.dimensions(),
                m.pooling(), m.popularItems(), Checksums.ofFiles(dir, files), m.metrics(),
                m.training(), m.data()), dir.resolve(ArtifactLayout.MANIFEST));
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
