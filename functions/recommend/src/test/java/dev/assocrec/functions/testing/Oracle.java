package dev.assocrec.functions.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assocrec.contract.EventType;
import dev.assocrec.contract.HistoryEntry;
import dev.assocrec.contract.HistoryPooling;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.functions.api.HistoryItem;
import dev.assocrec.functions.api.RecommendResponse;
import dev.assocrec.functions.api.ScoredItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

/** Expected answers for a version's tables, computed by brute force. */
public final class Oracle {
    private final TestModels.Tables tables;

    public Oracle(TestModels.Tables tables) {
        this.tables = tables;
    }

    public TestModels.Tables tables() {
        return tables;
    }

    /** Pooling weights by the contract's definition for the known entries of a request history. */
    public record Pooled(int[] items, float[] weights) {}

    public Pooled pool(List<HistoryItem> history, PoolingConfig pooling) {
        List<HistoryEntry> entries = new ArrayList<>();
        for (HistoryItem h : history) {
            var index = tables.catalog().indexOf(h.item());
            if (index.isEmpty()) {
                continue;
            }
            double time = h.timestamp() == null ? Double.NaN : Instant.parse((String) h.timestamp()).getEpochSecond();
            entries.add(new HistoryEntry(index.getAsInt(), h.event() == null ? null : EventType.parse(h.event()), time,
                    h.weight() == null ? 1.0 : h.weight()));
        }
        return new Pooled(entries.stream().mapToInt(HistoryEntry::itemIndex).toArray(),
                pooling.mode() == PoolingConfig.Mode.ATTENTION ? attention(entries, pooling)
                        : HistoryPooling.weights(entries, pooling));
    }

    /**
     * Attention weights written out from the manifest's definition, in double, apart from the contract's code:
     * softmax over entries of vector·context + typeBias + recencySlope·age/unit + ln(weight), ages from the newest
     * known time (wall-clock models only).
     */
    private float[] attention(List<HistoryEntry> entries, PoolingConfig pooling) {
        PoolingConfig.Attention a = pooling.attention();
        double newest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < entries.size(); i++) {
            double t = entries.get(i).time();
            if (!Double.isNaN(t)) {
                newest = Math.max(newest, t);
            }
        }
        double[] logits = new double[entries.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            HistoryEntry e = entries.get(i);
            double dot = 0;
            for (int j = 0; j < a.vector().size(); j++) {
                dot += a.vector().get(j) * tables.context().get(e.itemIndex(), j);
            }
            double t = e.time();
            double age = Double.isNaN(t) ? 0 : (newest - t) / a.recencyUnit();
            double bias = e.eventType() == null ? 0 : a.typeBias().getOrDefault(e.eventType(), 0.0);
            logits[i] = e.extraWeight() > 0 ? dot + bias + a.recencySlope() * age + Math.log(e.extraWeight())
                    : Double.NEGATIVE_INFINITY;
            max = Math.max(max, logits[i]);
        }
        float[] w = new float[logits.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = logits[i] == Double.NEGATIVE_INFINITY ? 0f : (float) Math.exp(logits[i] - max);
        }
        return w;
    }

    public BruteForce.Answer topK(Pooled pooled, int k, boolean excludeHistory, IntPredicate filter) {
        BitSet history = new BitSet();
        for (int h : pooled.items()) {
            history.set(h);
        }
        return BruteForce.topK(tables.context(), tables.target(), pooled.items(), pooled.weights(), k,
                i -> filter.test(i) && !(excludeHistory && history.get(i)));
    }

    /** Same items in the same order, scores within 1e-5. */
    public void assertSame(BruteForce.Answer expected, RecommendResponse actual, String what) {
        List<String> expectedIds = new ArrayList<>();
        for (int i : expected.items()) {
            expectedIds.add(tables.catalog().get(i).itemId());
        }
        assertEquals(expectedIds, actual.items().stream().map(ScoredItem::item).toList(), what);
        for (int i = 0; i < expected.items().length; i++) {
            assertEquals(expected.scores()[i], actual.items().get(i).score(), 1e-5, what + ": score of rank " + i);
        }
    }
}
