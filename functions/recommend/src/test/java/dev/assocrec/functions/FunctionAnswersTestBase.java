package dev.assocrec.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ItemRecord;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.contract.export.SyntheticVersions;
import dev.assocrec.functions.api.Contribution;
import dev.assocrec.functions.api.Filters;
import dev.assocrec.functions.api.HistoryItem;
import dev.assocrec.functions.api.ModelInfo;
import dev.assocrec.functions.api.PriceRange;
import dev.assocrec.functions.api.RecommendRequest;
import dev.assocrec.functions.api.RecommendResponse;
import dev.assocrec.functions.api.RelatedRequest;
import dev.assocrec.functions.api.ScoredItem;
import dev.assocrec.functions.testing.Api;
import dev.assocrec.functions.testing.Oracle;
import dev.assocrec.functions.testing.TestModels;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The functions' answers through API Gateway v2 events against a brute-force oracle over the served
 * version v1 of a local store; subclasses choose the application (store resource, scoring engine).
 */
abstract class FunctionAnswersTestBase {
    private static final String[] EVENTS = {"view", "cart", "purchase", null};

    @ConfigProperty(name = "assocrec.model.location")
    String location;

    @ConfigProperty(name = "assocrec.scoring.engine")
    String engine;

    Oracle oracle;

    @BeforeEach
    void readTables() {
        oracle = new Oracle(TestModels.Tables.read(TestModels.versionDir(Path.of(location), "v1")));
    }

    @Test
    void recommendationsEqualBruteForce() {
        Random r = new Random(3);
        for (int q = 0; q < 12; q++) {
            List<HistoryItem> history = randomHistory(r, 1 + r.nextInt(25));
            int k = 1 + r.nextInt(30);
            RecommendResponse got = Api.recommend(new RecommendRequest(history, k, null, null, null, null));
            assertEquals("v1", got.modelVersion());
            assertNull(got.fallback());
            oracle.assertSame(oracle.topK(oracle.pool(history, PoolingConfig.defaultWeighted()), k, true, i -> true), got,
                    "query " + q);
        }
    }

    @Test
    void meanPoolingIgnoresEventsAndRecency() {
        List<HistoryItem> history = randomHistory(new Random(5), 10);
        RecommendResponse got = Api.recommend(new RecommendRequest(history, 15, "mean", null, null, null));
        oracle.assertSame(oracle.topK(oracle.pool(history, PoolingConfig.mean()), 15, true, i -> true), got, "mean");
        RecommendResponse weighted = Api.recommend(new RecommendRequest(history, 15, "weighted", null, null, null));
        assertFalse(scores(got).equals(scores(weighted)), "weighted pooling must differ from mean on mixed events");
    }

    @Test
    void explanationsNameHistoryItemsAndSumToTheScore() {
        List<HistoryItem> history = randomHistory(new Random(9), 8);
        Set<String> historyIds = history.stream().map(HistoryItem::item).collect(Collectors.toSet());
        for (Integer explain : new Integer[] {null, 1, 20}) {
            RecommendResponse got = Api.recommend(new RecommendRequest(history, 10, null, null, null, explain));
            for (ScoredItem item : got.items()) {
                double sum = item.otherContribution();
                double previous = Double.POSITIVE_INFINITY;
                for (Contribution c : item.because()) {
                    assertTrue(historyIds.contains(c.item()), c.item() + " is not in the history");
                    assertTrue(c.contribution() <= previous, "contributions must come largest first");
                    previous = c.contribution();
                    sum += c.contribution();
                }
                assertEquals(explain == null ? 3 : Math.min(explain, historyIds.size()), item.because().size());
                assertEquals(item.score(), sum, 1e-5, "contributions of " + item.item() + " must add up to its score");
            }
        }
    }

    @Test
    void filtersHoldAndStayExact() {
        List<HistoryItem> history = randomHistory(new Random(12), 6);
        Oracle.Pooled pooled = oracle.pool(history, PoolingConfig.defaultWeighted());
        List<Filters> cases = List.of(
                new Filters(List.of("shoes", "bags"), null, null),
                new Filters(null, List.of("acme"), new PriceRange(20.0, 70.0)),
                new Filters(null, null, new PriceRange(null, 90.0)),
                new Filters(List.of("hats"), List.of("hooli", "globex"), new PriceRange(10.0, null)));
        for (Filters f : cases) {
            RecommendResponse got = Api.recommend(new RecommendRequest(history, 12, null, null, f, 0));
            for (ScoredItem item : got.items()) {
                assertTrue(f.category() == null || f.category().contains(item.category()), item + " vs " + f);
                assertTrue(f.brand() == null || f.brand().contains(item.brand()), item + " vs " + f);
                if (f.price() != null) {
                    assertTrue(item.price() != null && (f.price().min() == null || item.price() >= f.price().min())
                            && (f.price().max() == null || item.price() <= f.price().max()), item + " vs " + f);
                }
            }
            oracle.assertSame(oracle.topK(pooled, 12, true, i -> accepts(f, oracle.tables().catalog().get(i))), got,
                    "filter " + f);
        }
    }

    @Test
    void historyIsExcludedUnlessAskedFor() {
        List<HistoryItem> history = randomHistory(new Random(21), 12);
        Set<String> historyIds = history.stream().map(HistoryItem::item).collect(Collectors.toSet());
        RecommendResponse excluded = Api.recommend(new RecommendRequest(history, 50, null, true, null, 0));
        assertTrue(excluded.items().stream().noneMatch(i -> historyIds.contains(i.item())));
        RecommendResponse included = Api.recommend(new RecommendRequest(history, 50, null, false, null, 0));
        Oracle.Pooled pooled = oracle.pool(history, PoolingConfig.defaultWeighted());
        oracle.assertSame(oracle.topK(pooled, 50, false, i -> true), included, "history included");
        assertTrue(included.items().stream().anyMatch(i -> historyIds.contains(i.item())),
                "own history items score high on pooled context·target; some must appear in the top 50");
        Filters shoes = new Filters(List.of("shoes"), null, null);
        oracle.assertSame(oracle.topK(pooled, 20, false, i -> i % 10 == 0),
                Api.recommend(new RecommendRequest(history, 20, null, false, shoes, 0)), "history included, filtered");
    }

    @Test
    void unknownItemsAreIgnoredAndListed() {
        List<HistoryItem> known = randomHistory(new Random(30), 5);
        List<HistoryItem> mixed = new ArrayList<>(known);
        mixed.add(1, new HistoryItem("no-such-sku", "purchase", null, null));
        mixed.add(new HistoryItem("gone-too", null, null, 2.0));
        RecommendResponse got = Api.recommend(new RecommendRequest(mixed, 10, null, null, null, 0));
        assertEquals(List.of("no-such-sku", "gone-too"), got.unknownItems());
        oracle.assertSame(oracle.topK(oracle.pool(known, PoolingConfig.defaultWeighted()), 10, true, i -> true), got,
                "unknown items ignored");
    }

    @Test
    void emptyOrUnknownHistoryFallsBackToPopularItems() {
        List<String> popular = TestModels.POPULAR.stream().map(SyntheticVersions::itemId).toList();
        RecommendResponse empty = Api.recommend(new RecommendRequest(List.of(), 4, null, null, null, null));
        assertEquals("popular", empty.fallback());
        assertEquals(popular.subList(0, 4), ids(empty));
        assertTrue(empty.items().stream().allMatch(i -> i.score() == null), "fallback items carry no score");
        RecommendResponse noHistory = Api.recommend("{}");
        assertEquals("popular", noHistory.fallback());
        assertEquals(popular.subList(0, 10), ids(noHistory));
        RecommendResponse unknown = Api.recommend(new RecommendRequest(
                List.of(new HistoryItem("x1", null, null, null), new HistoryItem("x2", null, null, null)), 3, null, null,
                new Filters(List.of("socks", "hats"), null, null), null));
        assertEquals("popular", unknown.fallback());
        assertEquals(List.of("x1", "x2"), unknown.unknownItems());
        // Popular items in the manifest's order that pass the filter (categories by index mod 10: 3 hats, 64 socks, ...).
        List<String> expected = TestModels.POPULAR.stream().filter(i -> i % 10 == 3 || i % 10 == 4)
                .map(SyntheticVersions::itemId).limit(3).toList();
        assertEquals(expected, ids(unknown));
    }

    @Test
    void relatedItemsForOneItemAndForABasket() {
        RecommendResponse one = Api.related(new RelatedRequest("sku-17", null, 8, null));
        Oracle.Pooled single = oracle.pool(List.of(new HistoryItem("sku-17", null, null, null)), PoolingConfig.mean());
        oracle.assertSame(oracle.topK(single, 8, true, i -> true), one, "related to one item");
        List<String> basket = List.of("sku-17", "sku-230", "sku-231", "unknown-sku");
        RecommendResponse many = Api.related(new RelatedRequest(null, basket, 8, new Filters(List.of("coats"), null, null)));
        assertEquals(List.of("unknown-sku"), many.unknownItems());
        Oracle.Pooled pooled = oracle.pool(basket.stream().map(id -> new HistoryItem(id, null, null, null)).toList(),
                PoolingConfig.mean());
        oracle.assertSame(oracle.topK(pooled, 8, true, i -> i % 10 == 5), many, "related to a basket");
    }

    @Test
    void modelInfoDescribesTheServingVersion() {
        ModelInfo info = Api.model();
        assertEquals("v1", info.version());
        assertEquals(TestModels.ITEMS, info.itemCount());
        assertEquals(TestModels.DIMS, info.dimensions());
        assertEquals(Instant.parse("2026-11-28T12:00:00Z"), info.createdAt());
        assertEquals(Map.of("gcn", Map.of("recall@20", 0.2)), info.metrics());
        assertEquals("weighted", info.pooling());
        assertTrue(info.source().contains(location), info.source());
    }

    @Test
    void modelInfoCountsHowTheGraphsAnswersWereScored() {
        ModelInfo.Scoring before = Api.model().scoring();
        assertEquals(engine, before.engine());
        Api.recommend(new RecommendRequest(randomHistory(new Random(7), 5), 10, null, null, null, null));
        ModelInfo.Scoring after = Api.model().scoring();
        long graphAnswers = engine.equals("onnx") ? 1 : 0; // the Java engine never asks the graph
        assertEquals(graphAnswers, after.certifiedAnswers() + after.fallbackScans()
                - before.certifiedAnswers() - before.fallbackScans(), before + " then " + after);
    }

    static List<HistoryItem> randomHistory(Random r, int n) {
        List<HistoryItem> out = new ArrayList<>(n);
        long t0 = Instant.parse("2026-10-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < n; i++) {
            String event = EVENTS[r.nextInt(EVENTS.length)];
            String time = r.nextInt(4) == 0 ? null : Instant.ofEpochSecond(t0 + r.nextInt(60 * 86400)).toString();
            Double weight = r.nextInt(3) == 0 ? 0.5 + r.nextInt(4) : null;
            out.add(new HistoryItem(SyntheticVersions.itemId(r.nextInt(TestModels.ITEMS)), event, time, weight));
        }
        return out;
    }

    private static boolean accepts(Filters f, ItemRecord r) {
        return (f.category() == null || r.category() != null && f.category().contains(r.category()))
                && (f.brand() == null || r.brand() != null && f.brand().contains(r.brand()))
                && (f.price() == null || r.price() != null && (f.price().min() == null || r.price() >= f.price().min())
                        && (f.price().max() == null || r.price() <= f.price().max()));
    }

    private static List<String> ids(RecommendResponse r) {
        return r.items().stream().map(ScoredItem::item).toList();
    }

    private static List<Double> scores(RecommendResponse r) {
        return r.items().stream().map(ScoredItem::score).toList();
    }
}
