package dev.assocrec.training.graph;

import dev.assocrec.contract.EventType;
import dev.assocrec.contract.TopK;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the item graph from the train histories only (validation and test items never reach it):
 * per-relation cosine similarities, weighted and summed, top-K per item, symmetrised by the larger
 * direction, self-loops, then D̂^-½ Â D̂^-½.
 */
public final class ItemGraphBuilder {
    private final GraphConfig config;
    private final boolean progress;

    public ItemGraphBuilder(GraphConfig config, boolean progress) {
        this.config = config;
        this.progress = progress;
    }

    public ItemGraph build(Dataset data) {
        long start = System.nanoTime();
        int n = data.itemCount();
        List<CsrMatrix> relations = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        long purchaseEdges = 0;
        long viewEdges = 0;
        long attributeEdges = 0;
        if (config.coPurchaseWeight() > 0) {
            CsrMatrix m = relation(data.train(), true, n, "co-purchase");
            purchaseEdges = m.nnz();
            relations.add(m);
            weights.add(config.coPurchaseWeight());
        }
        if (config.coViewWeight() > 0) {
            CsrMatrix m = relation(data.train(), false, n, "co-view");
            viewEdges = m.nnz();
            relations.add(m);
            weights.add(config.coViewWeight());
        }
        if (config.attributeWeight() > 0 && config.attributeTopK() > 0) {
            CsrMatrix m = attributeSimilarity(data.itemAttributes(), data.attributeNames().size(), n);
            attributeEdges = m.nnz();
            relations.add(m);
            weights.add(config.attributeWeight());
        }
        CsrMatrix combined = combineTopK(relations, weights, n, config.topK());
        CsrMatrix adjacency = symmetrizeWithSelfLoops(combined, (float) config.selfLoopWeight());
        CsrMatrix normalized = normalize(adjacency);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ItemGraph(adjacency, normalized,
                new ItemGraph.RelationEdges(purchaseEdges, viewEdges, attributeEdges), config, seconds);
    }

    /** Co-purchase (purchases; all events when the source has no types) or co-view (views and carts). */
    private CsrMatrix relation(List<UserHistory> train, boolean purchases, int n, String task) {
        List<int[]> items = new ArrayList<>(train.size());
        List<float[]> weights = new ArrayList<>(train.size());
        boolean any = false;
        for (UserHistory h : train) {
            Map<Integer, Float> perItem = new LinkedHashMap<>();
            for (int i = 0; i < h.size(); i++) {
                EventType e = h.eventAt(i);
                boolean isPurchase = e == EventType.PURCHASE;
                if (isPurchase != purchases) {
                    continue;
                }
                // Co-view strength: dwell seconds when given (log-damped), else the number of views.
                float w = 1f;
                if (!purchases && h.dwell() != null && !Float.isNaN(h.dwell()[i])) {
                    w = (float) Math.log1p(Math.max(0f, h.dwell()[i]));
                }
                perItem.merge(h.items()[i], purchases ? 1f : w, purchases ? (a, b) -> a : Float::sum);
            }
            if (perItem.size() < 2) {
                continue;
            }
            any = true;
            int[] it = new int[perItem.size()];
            float[] wt = new float[perItem.size()];
            int k = 0;
            for (Map.Entry<Integer, Float> e : perItem.entrySet()) {
                it[k] = e.getKey();
                wt[k++] = e.getValue();
            }
            items.add(it);
            weights.add(wt);
        }
        if (!any) {
            return empty(n);
        }
        return CosineCooccurrence.topK(items, weights, n, config.topK(), task, progress);
    }

    /**
     * IDF-weighted cosine over attribute sets, top attributeTopK per item. Attributes shared by too
     * many items are skipped: they say little and cost quadratically.
     */
    private CsrMatrix attributeSimilarity(int[][] itemAttributes, int attributeCount, int n) {
        int[] df = new int[attributeCount];
        for (int[] attrs : itemAttributes) {
            for (int a : distinct(attrs)) {
                df[a]++;
            }
        }
        int maxDf = (int) Math.max(2, Math.floor(config.maxAttributeShare() * n));
        List<List<Integer>> itemsByAttr = new ArrayList<>(attributeCount);
        for (int a = 0; a < attributeCount; a++) {
            itemsByAttr.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int a : distinct(itemAttributes[i])) {
                if (df[a] >= 2 && df[a] <= maxDf) {
                    itemsByAttr.get(a).add(i);
                }
            }
        }
        List<int[]> rows = new ArrayList<>();
        List<float[]> weights = new ArrayList<>();
        for (int a = 0; a < attributeCount; a++) {
            List<Integer> members = itemsByAttr.get(a);
            if (members.size() < 2) {
                continue;
            }
            float idf = (float) Math.log((double) n / df[a]);
            int[] it = members.stream().mapToInt(Integer::intValue).toArray();
            float[] wt = new float[it.length];
            Arrays.fill(wt, idf);
            rows.add(it);
            weights.add(wt);
        }
        if (rows.isEmpty()) {
            return empty(n);
        }
        return CosineCooccurrence.topK(rows, weights, n, config.attributeTopK(), "attributes", progress);
    }

    private static int[] distinct(int[] a) {
        return Arrays.stream(a).distinct().toArray();
    }

    static CsrMatrix combineTopK(List<CsrMatrix> relations, List<Double> weights, int n, int topK) {
        int[][] cols = new int[n][];
        float[][] vals = new float[n][];
        float[] acc = new float[n];
        int[] touched = new int[n];
        TopK best = new TopK(topK);
        float[] buf = new float[topK];
        for (int i = 0; i < n; i++) {
            int nt = 0;
            for (int r = 0; r < relations.size(); r++) {
                CsrMatrix m = relations.get(r);
                float w = weights.get(r).floatValue();
                for (int k = m.rowStart(i); k < m.rowEnd(i); k++) {
                    int j = m.colAt(k);
                    if (acc[j] == 0f) {
                        touched[nt++] = j;
                    }
                    acc[j] += w * m.valueAt(k);
                }
            }
            best.reset();
            for (int t = 0; t < nt; t++) {
                best.offer(touched[t], acc[touched[t]]);
                acc[touched[t]] = 0f;
            }
            int size = best.size();
            cols[i] = best.drainBestFirst(buf);
            vals[i] = Arrays.copyOf(buf, size);
        }
        return CsrMatrix.ofRows(n, cols, vals);
    }

    /** max(A, Aᵀ) so an edge either side keeps survives, plus a self-loop on every item. */
    static CsrMatrix symmetrizeWithSelfLoops(CsrMatrix a, float selfLoop) {
        CsrMatrix t = a.transpose();
        int n = a.rows();
        int[][] cols = new int[n][];
        float[][] vals = new float[n][];
        for (int i = 0; i < n; i++) {
            int p = a.rowStart(i);
            int q = t.rowStart(i);
            int[] c = new int[a.rowLength(i) + t.rowLength(i) + 1];
            float[] v = new float[c.length];
            int len = 0;
            boolean selfDone = false;
            while (p < a.rowEnd(i) || q < t.rowEnd(i)) {
                int cp = p < a.rowEnd(i) ? a.colAt(p) : Integer.MAX_VALUE;
                int cq = q < t.rowEnd(i) ? t.colAt(q) : Integer.MAX_VALUE;
                int col = Math.min(cp, cq);
                float val = 0f;
                if (cp == col) {
                    val = Math.max(val, a.valueAt(p++));
                }
                if (cq == col) {
                    val = Math.max(val, t.valueAt(q++));
                }
                if (col == i) {
                    val += selfLoop;
                    selfDone = true;
                }
                c[len] = col;
                v[len++] = val;
            }
            if (!selfDone) {
                c[len] = i;
                v[len++] = selfLoop;
            }
            cols[i] = Arrays.copyOf(c, len);
            vals[i] = Arrays.copyOf(v, len);
        }
        return CsrMatrix.ofRows(n, cols, vals);
    }

    static CsrMatrix normalize(CsrMatrix a) {
        int n = a.rows();
        double[] invSqrtDeg = new double[n];
        for (int i = 0; i < n; i++) {
            double d = a.rowSum(i);
            invSqrtDeg[i] = d > 0 ? 1.0 / Math.sqrt(d) : 0.0;
        }
        int[] start = new int[n + 1];
        int[] ci = new int[a.nnz()];
        float[] v = new float[a.nnz()];
        for (int i = 0; i < n; i++) {
            start[i + 1] = a.rowEnd(i);
            for (int k = a.rowStart(i); k < a.rowEnd(i); k++) {
                ci[k] = a.colAt(k);
                v[k] = (float) (a.valueAt(k) * invSqrtDeg[i] * invSqrtDeg[a.colAt(k)]);
            }
        }
        return new CsrMatrix(n, n, start, ci, v);
    }

    private static CsrMatrix empty(int n) {
        return new CsrMatrix(n, n, new int[n + 1], new int[0], new float[0]);
    }
}
