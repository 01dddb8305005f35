package dev.assocrec.training.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import dev.assocrec.training.ingest.EventsDatasetReader;
import dev.assocrec.training.ingest.IngestSettings;
import dev.assocrec.training.util.Progress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticShopTest {
    @TempDir
    static Path dir;

    static Shop shop;
    static Dataset dataset;

    @BeforeAll
    static void generateAndReadBack() throws Exception {
        shop = SyntheticShop.generate(ShopConfig.defaults());
        ShopCsvWriter.write(shop, dir);
        dataset = new EventsDatasetReader(IngestSettings.defaults().withMaxBadFraction(0), Progress.NONE)
                .read(dir.resolve(ShopCsvWriter.EVENTS_FILE), false, dir.resolve(ShopCsvWriter.CATALOG_FILE));
    }

    @Test
    void sameSeedSameShopOtherSeedOtherShop() throws Exception {
        Shop again = SyntheticShop.generate(ShopConfig.defaults());
        assertEquals(shop, again);
        Shop other = SyntheticShop.generate(ShopConfig.defaults().withSize(8, 2_000, 3_000));
        assertTrue(!shop.events().equals(other.events()));
    }

    @Test
    void roundTripsThroughTheCsvReaderWithNothingSkipped() {
        assertEquals(ShopConfig.defaults().items(), dataset.itemCount());
        assertEquals(ShopConfig.defaults().users(), shop.events().stream().map(Shop.Event::userId).distinct().count());
        assertEquals(shop.events().stream().map(Shop.Event::userId).distinct().count(), dataset.userCount());
        var events = dataset.provenance().get("events");
        assertEquals(0, events.get("skipped").asLong());
        assertEquals(shop.events().size(), events.get("rows").asLong());
        assertEquals(0, dataset.provenance().get("eventItemsNotInCatalog").asLong());
        assertTrue(shop.events().size() > 100_000 && shop.events().size() < 200_000, "size: " + shop.events().size());
        Shop.Product first = shop.catalog().get(0);
        var record = dataset.catalog().get(0);
        assertEquals(first.itemId(), record.itemId());
        assertEquals(first.title(), record.title());
        assertEquals(first.price(), record.price(), 1e-9);
        assertTrue(dataset.attributeNames().contains("category=" + first.category()));
        assertTrue(dataset.attributeNames().contains("price_band=5"));
    }

    /** Users who bought a bundle's anchor buy its accessories far more often than users in general. */
    @Test
    void bundlePartnersAreBoughtTogetherFarAboveChance() {
        Map<String, Set<String>> bought = shop.events().stream().filter(e -> e.eventType().equals("purchase"))
                .collect(Collectors.groupingBy(Shop.Event::userId, Collectors.mapping(Shop.Event::itemId, Collectors.toSet())));
        long users = shop.events().stream().map(Shop.Event::userId).distinct().count();
        double together = 0;
        double chance = 0;
        int pairs = 0;
        for (List<String> bundle : shop.bundles()) {
            String anchor = bundle.get(0);
            for (String partner : bundle.subList(1, bundle.size())) {
                long anchorBuyers = bought.values().stream().filter(s -> s.contains(anchor)).count();
                if (anchorBuyers == 0) {
                    continue;
                }
                long both = bought.values().stream().filter(s -> s.contains(anchor) && s.contains(partner)).count();
                long partnerBuyers = bought.values().stream().filter(s -> s.contains(partner)).count();
                together += (double) both / anchorBuyers;
                chance += (double) partnerBuyers / users;
                pairs++;
            }
        }
        assertTrue(pairs > 100, "bundles with buyers: " + pairs);
        double lift = together / chance;
        assertTrue(lift > 20, "P(partner | anchor) / P(partner) = " + lift);
    }

    /** Each shopper's events concentrate on few categories: the planted taste. */
    @Test
    void shoppersStickToTheirCategories() {
        Map<String, String> categoryOf = new HashMap<>();
        shop.catalog().forEach(p -> categoryOf.put(p.itemId(), p.category()));
        Map<String, Map<String, Long>> perUser = shop.events().stream().collect(Collectors.groupingBy(Shop.Event::userId,
                Collectors.groupingBy(e -> categoryOf.get(e.itemId()), Collectors.counting())));
        double topThreeShare = perUser.values().stream().mapToDouble(counts -> {
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            long top = counts.values().stream().sorted((a, b) -> Long.compare(b, a)).limit(3).mapToLong(Long::longValue).sum();
            return (double) top / total;
        }).average().orElseThrow();
        assertTrue(topThreeShare > 0.7, "share of a shopper's events in their top 3 of 21 categories: " + topThreeShare);
    }

    /** Item co-occurrence (what an item graph encodes) clearly beats popularity on the held-out next item. */
    @Test
    void itemAssociationsBeatPopularityOnTheTestSplit() {
        int n = dataset.itemCount();
        int[][] co = new int[n][n];
        long[] popularity = new long[n];
        for (UserHistory h : dataset.train()) {
            int[] items = Arrays.stream(h.items()).distinct().toArray();
            for (int a : items) {
                popularity[a]++;
                for (int b : items) {
                    if (a != b) {
                        co[a][b]++;
                    }
                }
            }
        }
        double[] invNorm = new double[n];
        double[] popScore = new double[n];
        for (int j = 0; j < n; j++) {
            invNorm[j] = 1 / Math.sqrt(Math.max(1, popularity[j]));
            popScore[j] = popularity[j];
        }
        int users = 0;
        int popHits = 0;
        int coHits = 0;
        for (int u = 0; u < dataset.userCount(); u++) {
            if (dataset.test()[u].length == 0) {
                continue;
            }
            users++;
            int target = dataset.test()[u][0];
            Set<Integer> seen = new HashSet<>();
            double[] coScore = new double[n];
            for (int i : dataset.train().get(u).items()) {
                if (seen.add(i)) {
                    for (int j = 0; j < n; j++) {
                        coScore[j] += co[i][j] * invNorm[i] * invNorm[j];
                    }
                }
            }
            popHits += inTop20(popScore, seen, target) ? 1 : 0;
            coHits += inTop20(coScore, seen, target) ? 1 : 0;
        }
        double popHr = (double) popHits / users;
        double coHr = (double) coHits / users;
        System.out.printf("synthetic shop HR@20: co-occurrence %.3f, popularity %.3f (%d users)%n", coHr, popHr, users);
        assertTrue(coHr > 1.5 * popHr && coHr - popHr > 0.05,
                "HR@20 co-occurrence " + coHr + " vs popularity " + popHr + " over " + users + " users");
    }

    private static boolean inTop20(double[] score, Set<Integer> masked, int target) {
        if (masked.contains(target)) {
            return false;
        }
        int better = 0;
        for (int j = 0; j < score.length; j++) {
            if (j != target && !masked.contains(j) && score[j] > score[target]) {
                better++;
            }
        }
        return better < 20;
    }
}
