package dev.assocrec.bench;

import dev.assocrec.contract.EventType;
import dev.assocrec.contract.HistoryEntry;
import dev.assocrec.contract.HistoryPooling;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.contract.export.SyntheticVersions;
import dev.assocrec.functions.ParsedRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A fixed set of request histories (20 items by default, mixed events, a month of timestamps) cycled by the benchmarks. */
final class Histories {
    static final int COUNT = 256;
    static final int LENGTH = 20;
    private static final EventType[] EVENTS = EventType.values();

    final List<ParsedRequests.Entry>[] requests;
    final int[][] items;
    final float[][] weights;

    Histories(int catalogSize, PoolingConfig pooling) {
        this(catalogSize, pooling, LENGTH);
    }

    @SuppressWarnings("unchecked")
    Histories(int catalogSize, PoolingConfig pooling, int length) {
        requests = new List[COUNT];
        items = new int[COUNT][];
        weights = new float[COUNT][];
        Random r = new Random(1);
        for (int q = 0; q < COUNT; q++) {
            List<ParsedRequests.Entry> entries = new ArrayList<>(length);
            List<HistoryEntry> pooled = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                int item = r.nextInt(catalogSize);
                EventType event = EVENTS[r.nextInt(EVENTS.length)];
                double time = 1_790_000_000 + r.nextInt(30 * 86400);
                entries.add(new ParsedRequests.Entry(SyntheticVersions.itemId(item), event, time, 1.0));
                pooled.add(new HistoryEntry(item, event, time, 1.0));
            }
            requests[q] = entries;
            items[q] = pooled.stream().mapToInt(HistoryEntry::itemIndex).toArray();
            weights[q] = HistoryPooling.weights(pooled, pooling);
        }
    }
}
