package dev.assocrec.bench;

import dev.assocrec.contract.EventType;
import dev.assocrec.contract.HistoryEntry;
import dev.assocrec.contract.HistoryPooling;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.contract.export.SyntheticVersions;
import dev.assocrec.functions.ParsedRequests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A fixed set of request histories cycled by the benchmarks: seeded (20 items by default, mixed events, a
 * month of timestamps) or real ({@link #read}: users' items from a LightGCN-format file).
 */
final class Histories {
    static final int COUNT = 256;
    static final int LENGTH = 20;
    private static final EventType[] EVENTS = EventType.values();
    private static final double SOME_TIME = 1_790_000_000;

    final List<ParsedRequests.Entry>[] requests;
    final int[][] items;
    final float[][] weights;

    Histories(int catalogSize, PoolingConfig pooling) {
        this(catalogSize, pooling, LENGTH);
    }

    Histories(int catalogSize, PoolingConfig pooling, int length) {
        this(seeded(catalogSize, length), pooling);
    }

    @SuppressWarnings("unchecked")
    private Histories(List<List<HistoryEntry>> histories, PoolingConfig pooling) {
        requests = new List[histories.size()];
        items = new int[histories.size()][];
        weights = new float[histories.size()][];
        for (int q = 0; q < histories.size(); q++) {
            List<HistoryEntry> pooled = histories.get(q);
            List<ParsedRequests.Entry> entries = new ArrayList<>(pooled.size());
            for (HistoryEntry e : pooled) {
                entries.add(new ParsedRequests.Entry(SyntheticVersions.itemId(e.itemIndex()), e.eventType(), e.time(), e.extraWeight()));
            }
            requests[q] = entries;
            items[q] = pooled.stream().mapToInt(HistoryEntry::itemIndex).toArray();
            weights[q] = HistoryPooling.weights(pooled, pooling);
        }
    }

    private static List<List<HistoryEntry>> seeded(int catalogSize, int length) {
        Random r = new Random(1);
        List<List<HistoryEntry>> all = new ArrayList<>(COUNT);
        for (int q = 0; q < COUNT; q++) {
            List<HistoryEntry> pooled = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                pooled.add(new HistoryEntry(r.nextInt(catalogSize), EVENTS[r.nextInt(EVENTS.length)],
                        SOME_TIME + r.nextInt(30 * 86400), 1.0));
            }
            all.add(pooled);
        }
        return all;
    }

    /**
     * Real histories: the first {@value #COUNT} lines of a LightGCN-format file ("user item item …", item ids as
     * in the model's item table) that name a known item, at most {@code length} known items each, as purchases at
     * one time (equal weights under any pooling). Request entries carry the model's own item ids.
     */
    static Histories read(Path file, ModelVersion version, int length) throws IOException {
        List<List<HistoryEntry>> all = new ArrayList<>(COUNT);
        List<List<String>> ids = new ArrayList<>(COUNT);
        try (Stream<String> lines = Files.lines(file)) {
            for (String line : (Iterable<String>) lines::iterator) {
                String[] fields = line.trim().split("\\s+");
                List<HistoryEntry> pooled = new ArrayList<>();
                List<String> known = new ArrayList<>();
                for (int i = 1; i < fields.length && pooled.size() < length; i++) {
                    OptionalInt index = version.catalog().indexOf(fields[i]);
                    if (index.isPresent()) {
                        pooled.add(new HistoryEntry(index.getAsInt(), EventType.PURCHASE, SOME_TIME, 1.0));
                        known.add(fields[i]);
                    }
                }
                if (!pooled.isEmpty()) {
                    all.add(pooled);
                    ids.add(known);
                }
                if (all.size() == COUNT) {
                    break;
                }
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("histories=" + file + ": no line names an item of model " + version.dir());
        }
        Histories h = new Histories(all, version.manifest().pooling());
        for (int q = 0; q < all.size(); q++) {
            List<ParsedRequests.Entry> entries = new ArrayList<>();
            for (int i = 0; i < all.get(q).size(); i++) {
                ParsedRequests.Entry e = h.requests[q].get(i);
                entries.add(new ParsedRequests.Entry(ids.get(q).get(i), e.event(), e.epochSeconds(), e.weight()));
            }
            h.requests[q] = entries;
        }
        return h;
    }

    int count() {
        return items.length;
    }
}
