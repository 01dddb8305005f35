package dev.assocrec.functions.testing;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.EventType;
import dev.assocrec.contract.HistoryEntry;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.contract.export.SyntheticVersions;
import dev.assocrec.contract.export.VersionTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Tables with the structure a GCN learns on a shop with planted tastes, built directly instead of trained:
 * every item's context row lies near its category's centroid (categories by index mod 10, as in
 * {@link SyntheticVersions#catalog}), its target row near its context row, scaled up by a popularity prior
 * (a few items far more popular than the rest). Users mostly buy within one category, so a history pools
 * near one centroid and its answer is the most popular items of that category, clearly ahead of the rest:
 * what the certificate meets on trained tables, unlike seeded random ones. Written by the contract's writer.
 */
public final class PlantedShop {
    private static final int CATEGORIES = SyntheticVersions.CATEGORIES.size();

    private PlantedShop() {}

    /** A user's purchases in order, with event types and times, as the pooling sees them. */
    public record User(int taste, int[] items, List<HistoryEntry> entries) {}

    public static VersionTables tables(int items, int dims, long seed) {
        EmbeddingTable centroids = SyntheticVersions.gaussian(CATEGORIES, dims, seed);
        EmbeddingTable spread = SyntheticVersions.gaussian(items, dims, seed + 1);
        EmbeddingTable targetNoise = SyntheticVersions.gaussian(items, dims, seed + 2);
        float[] prior = popularity(items, seed + 3);
        float[] context = new float[items * dims];
        float[] target = new float[items * dims];
        for (int i = 0; i < items; i++) {
            int c = i % CATEGORIES;
            for (int j = 0; j < dims; j++) {
                int at = i * dims + j;
                context[at] = centroids.get(c, j) + 0.4f * spread.data()[at];
                target[at] = prior[i] * (context[at] + 0.3f * targetNoise.data()[at]);
            }
        }
        return VersionTables.of(new EmbeddingTable(items, dims, context), new EmbeddingTable(items, dims, target),
                PoolingConfig.defaultWeighted());
    }

    /** Users whose purchases are 85 % in their taste's category, with random event types a day apart. */
    public static List<User> users(int items, int count, int length, long seed) {
        Random r = new Random(seed);
        EventType[] events = EventType.values();
        List<User> users = new ArrayList<>(count);
        for (int u = 0; u < count; u++) {
            int taste = u % CATEGORIES;
            int[] bought = new int[length];
            List<HistoryEntry> entries = new ArrayList<>(length);
            for (int j = 0; j < length; j++) {
                int category = r.nextDouble() < 0.85 ? taste : r.nextInt(CATEGORIES);
                bought[j] = category + CATEGORIES * r.nextInt(items / CATEGORIES);
                entries.add(new HistoryEntry(bought[j], events[r.nextInt(events.length)], 1_790_000_000L + j * 86_400L, 1));
            }
            users.add(new User(taste, bought, entries));
        }
        return users;
    }

    /** Row scale 1 + 2^(-rank/50) over a seeded ranking of the items: a steep head, a flat tail. */
    private static float[] popularity(int items, long seed) {
        Integer[] order = new Integer[items];
        Arrays.setAll(order, i -> i);
        java.util.Collections.shuffle(Arrays.asList(order), new Random(seed));
        float[] scale = new float[items];
        for (int rank = 0; rank < items; rank++) {
            scale[order[rank]] = 1f + (float) Math.pow(2, -rank / 50.0);
        }
        return scale;
    }
}
