package dev.assocrec.functions.scoring;

import dev.assocrec.contract.PoolingInputs;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Exact top-k by pooled-vector score, choosing per request between the whole-catalogue ranker (the
 * blocked Java scan, or the ONNX graph) and a Java scan of only the items a filter keeps.
 * <ul>
 *   <li>No filter: the whole-catalogue ranker's top k, history masked; history items are scored in Java
 *       and merged when the caller wants them.</li>
 *   <li>A filter keeping few items (at most {@code javaScanMaxFraction} of the catalogue): a Java scan
 *       of only those items, cheaper than scoring everything.</li>
 *   <li>A broad filter: over-fetch from the graph (about 2·k/share items) and keep the accepted ones.
 *       Every accepted item outside the fetched top-M scores no higher than the M-th, so the result is
 *       exact once k accepted items are found; otherwise it falls back to the Java scan. The
 *       blocked Java scan needs no over-fetch: it simply skips the rejected items.</li>
 * </ul>
 * The graph ranks by an int8 coarse pass and re-scores its candidates exactly; when it cannot certify
 * that no other item beats its k-th answer (see {@code OnnxScoringGraph}), the request is answered by
 * a Java scan instead, so every answer is the full scan's. {@link #fallbackScans()} counts those.
 */
public final class PooledRanker {
    private static final Logger LOG = Logger.getLogger(PooledRanker.class);
    private static final double OVER_FETCH = 2.0;

    private final ReferenceScorer java;
    private final BlockedScorer blocked;
    private final OrtScorer ort;
    private final CataloguePass quantized;
    private final int itemCount;
    private final double javaScanMaxFraction;
    private final LongAdder certified = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();

    /**
     * Exactly one of {@code blocked} (engine JAVA) and {@code ort} (engine ONNX) is not null; {@code quantized},
     * when not null, answers the graph's unfiltered requests in Java (same stages, no JNI crossing).
     */
    public PooledRanker(ReferenceScorer java, BlockedScorer blocked, OrtScorer ort, CataloguePass quantized,
                        int itemCount, double javaScanMaxFraction) {
        if ((blocked == null) == (ort == null)) {
            throw new IllegalArgumentException("exactly one of the blocked Java scan and the ONNX graph must rank");
        }
        this.java = java;
        this.blocked = blocked;
        this.ort = ort;
        this.quantized = quantized;
        this.itemCount = itemCount;
        this.javaScanMaxFraction = javaScanMaxFraction;
    }

    /** The top k and the pooling weights they were scored with (the graph's own when the graph pooled). */
    public record Result(Ranked ranked, float[] weights) {}

    /**
     * @param history        item indices, duplicates allowed
     * @param weights        pooling weight per history entry, final (no attention), summing to more than 0
     * @param accepted       items the filters accept, or null for all (this set is modified)
     * @param excludeHistory leave history items out of the result
     */
    public Ranked rank(int[] history, float[] weights, int k, BitSet accepted, boolean excludeHistory) {
        return rank(PoolingInputs.fixed(history, weights), k, accepted, excludeHistory).ranked();
    }

    /**
     * As above for a history in both forms: the Java paths pool {@link PoolingInputs#weights()}; the graph computes
     * its own weights from the raw entries, and once it has, the Java re-scoring (fallback scan, history merge) and
     * the returned weights are the graph's, so the caller's explanations add up to the scores it serves.
     */
    public Result rank(PoolingInputs in, int k, BitSet accepted, boolean excludeHistory) {
        int[] history = in.items();
        float[] weights = in.weights();
        BitSet historySet = new BitSet(itemCount);
        for (int h : history) {
            historySet.set(h);
        }
        int nonHistory = itemCount - historySet.cardinality();
        float[] pooled = java.pool(history, weights);
        Ranked best;
        BitSet historyKept = historySet;
        if (accepted == null) {
            if (nonHistory == 0) {
                best = empty();
            } else if (blocked != null) {
                best = blocked.topK(pooled, k, i -> !historySet.get(i));
            } else {
                OrtScorer.Answer answer = quantized != null
                        ? quantized.topK(pooled, historySet, Math.min(k, nonHistory))
                        : ort.topK(in, Math.min(k, nonHistory));
                if (answer.weights() != null) {
                    weights = answer.weights();
                    pooled = java.pool(history, weights);
                }
                best = certified(answer, k) ? answer.ranked() : java.topK(pooled, k, i -> !historySet.get(i));
            }
        } else {
            historyKept = (BitSet) historySet.clone();
            historyKept.and(accepted);
            accepted.andNot(historySet);
            int count = accepted.cardinality();
            if (count == 0) {
                best = empty();
            } else if (count <= javaScanMaxFraction * itemCount) {
                best = java.topK(pooled, k, accepted::get);
            } else if (blocked != null) {
                best = blocked.topK(pooled, k, accepted::get);
            } else {
                // Over-fetch about 2·k/share items from the graph and keep the accepted ones.
                int fetch = (int) Math.min(nonHistory, Math.max(k, Math.ceil(OVER_FETCH * k * itemCount / (double) count)));
                OrtScorer.Answer answer = ort.topK(in, fetch);
                if (answer.weights() != null) {
                    weights = answer.weights();
                    pooled = java.pool(history, weights);
                }
                best = overFetch(answer, fetch, pooled, k, accepted, nonHistory);
            }
        }
        if (!excludeHistory && !historyKept.isEmpty()) {
            best = merge(best, java.topK(pooled, k, historyKept::get), k);
        }
        return new Result(best, weights);
    }

    /** The broad-filter path: the accepted items of the graph's top {@code fetch}, or a Java scan of {@code pooled}. */
    private Ranked overFetch(OrtScorer.Answer answer, int fetch, float[] pooled, int k, BitSet accepted, int nonHistory) {
        if (!certified(answer, fetch)) {
            return java.topK(pooled, k, accepted::get);
        }
        Ranked fetched = answer.ranked();
        List<Integer> kept = new ArrayList<>(k);
        for (int i = 0; i < fetched.items().length && kept.size() < k; i++) {
            if (accepted.get(fetched.items()[i])) {
                kept.add(i);
            }
        }
        if (kept.size() < k && fetch < nonHistory) {
            return java.topK(pooled, k, accepted::get);
        }
        int[] items = new int[kept.size()];
        float[] scores = new float[kept.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = fetched.items()[kept.get(i)];
            scores[i] = fetched.scores()[kept.get(i)];
        }
        return new Ranked(items, scores);
    }

    /** Counts the graph's answer; false means the caller must answer by a Java scan. */
    private boolean certified(OrtScorer.Answer answer, int k) {
        if (answer.exact()) {
            certified.increment();
            return true;
        }
        fallbacks.increment();
        LOG.debugf("graph top %d not certified exact; answering by a Java scan", k);
        return false;
    }

    /** What answers the unfiltered requests: the graph, or the Java two-stage scan and its chosen coarse kernel. */
    public String coarsePass() {
        return quantized == null ? (ort != null ? "ONNX graph" : "blocked Java scan") : quantized.kernelChoice();
    }

    /** Graph answers certified exact since this model was loaded. */
    public long certifiedAnswers() {
        return certified.sum();
    }

    /** Graph answers that were not certified and were replaced by a Java scan. */
    public long fallbackScans() {
        return fallbacks.sum();
    }

    static Ranked merge(Ranked a, Ranked b, int k) {
        List<int[]> refs = new ArrayList<>(a.items().length + b.items().length);
        for (int i = 0; i < a.items().length; i++) {
            refs.add(new int[] {0, i});
        }
        for (int i = 0; i < b.items().length; i++) {
            refs.add(new int[] {1, i});
        }
        Comparator<int[]> byScore = Comparator.comparingDouble(r -> -(r[0] == 0 ? a : b).scores()[r[1]]);
        refs.sort(byScore.thenComparingInt(r -> (r[0] == 0 ? a : b).items()[r[1]]));
        int n = Math.min(k, refs.size());
        int[] items = new int[n];
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            Ranked from = refs.get(i)[0] == 0 ? a : b;
            items[i] = from.items()[refs.get(i)[1]];
            scores[i] = from.scores()[refs.get(i)[1]];
        }
        return new Ranked(items, scores);
    }

    private static Ranked empty() {
        return new Ranked(new int[0], new float[0]);
    }
}
