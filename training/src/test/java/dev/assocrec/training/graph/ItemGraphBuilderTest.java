package dev.assocrec.training.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.EventType;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import dev.assocrec.training.testdata.PlantedData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemGraphBuilderTest {
    private static final Dataset DATA = PlantedData.sequences(400, 8, 12, 10, 7);

    @Test
    void adjacencyIsSymmetricWithSelfLoopsAndNormalised() {
        ItemGraph g = new ItemGraphBuilder(GraphConfig.defaults().withTopK(5), false).build(DATA);
        CsrMatrix a = g.adjacency();
        CsrMatrix n = g.normalized();
        for (int i = 0; i < a.rows(); i++) {
            assertTrue(a.get(i, i) >= 1f, "self-loop on item " + i);
            for (int k = a.rowStart(i); k < a.rowEnd(i); k++) {
                int j = a.colAt(k);
                assertEquals(a.valueAt(k), a.get(j, i), 1e-6, "symmetric at " + i + "," + j);
                double expected = a.valueAt(k) / Math.sqrt(a.rowSum(i) * a.rowSum(j));
                assertEquals(expected, n.get(i, j), 1e-5, "normalised weight at " + i + "," + j);
            }
        }
        assertEquals(a.nnz(), n.nnz());
    }

    @Test
    void keepsOnlyTopKNeighboursPerItemBeforeSymmetrising() {
        int k = 3;
        GraphConfig config = GraphConfig.defaults().withTopK(k);
        ItemGraph g = new ItemGraphBuilder(config, false).build(DATA);
        // Every non-self edge must be among the top-k of at least one end, so rows hold at most
        // k own choices plus edges chosen by others, and the total is bounded by n·k (+ self-loops).
        CsrMatrix a = g.adjacency();
        assertTrue(a.nnz() <= a.rows() * (2L * k + 1), "nnz " + a.nnz());
        CsrMatrix combined = combined(config);
        for (int i = 0; i < a.rows(); i++) {
            assertTrue(combined.rowLength(i) <= k);
            for (int q = a.rowStart(i); q < a.rowEnd(i); q++) {
                int j = a.colAt(q);
                if (j != i) {
                    assertTrue(combined.get(i, j) > 0 || combined.get(j, i) > 0, "edge " + i + "-" + j + " chosen by neither end");
                }
            }
        }
    }

    private static CsrMatrix combined(GraphConfig config) {
        ItemGraph onlyChoices = new ItemGraphBuilder(config, false).build(DATA);
        // Rebuild the pre-symmetrisation rows through the package-private step the builder uses.
        List<int[]> sets = new ArrayList<>();
        for (UserHistory h : DATA.train()) {
            sets.add(Arrays.stream(h.items()).distinct().toArray());
        }
        CsrMatrix purchase = CosineCooccurrence.topK(sets, null, DATA.itemCount(), config.topK(), "t", false);
        assertTrue(onlyChoices.edges().coPurchase() == purchase.nnz());
        return ItemGraphBuilder.combineTopK(List.of(purchase, attributeOnly(config)),
                List.of(config.coPurchaseWeight(), config.attributeWeight()), DATA.itemCount(), config.topK());
    }

    private static CsrMatrix attributeOnly(GraphConfig config) {
        GraphConfig attrs = new GraphConfig(0, 0, 1, config.attributeTopK(), config.attributeTopK(),
                config.maxAttributeShare(), 0);
        CsrMatrix a = new ItemGraphBuilder(attrs, false).build(DATA).adjacency();
        // With only attribute edges and no self-loop weight the symmetrised graph is max(S, Sᵀ) of the
        // attribute rows; those rows are what the combination step saw.
        int n = a.rows();
        int[][] cols = new int[n][];
        float[][] vals = new float[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> c = new ArrayList<>();
            List<Float> v = new ArrayList<>();
            for (int k = a.rowStart(i); k < a.rowEnd(i); k++) {
                if (a.colAt(k) != i && a.valueAt(k) > 0) {
                    c.add(a.colAt(k));
                    v.add(a.valueAt(k));
                }
            }
            cols[i] = c.stream().mapToInt(Integer::intValue).toArray();
            vals[i] = new float[v.size()];
            for (int k = 0; k < v.size(); k++) {
                vals[i][k] = v.get(k);
            }
        }
        return CsrMatrix.ofRows(n, cols, vals);
    }

    @Test
    void heldOutItemsNeverCreateEdges() {
        // Items 4 and 5 only ever co-occur as validation/test items: no edge may link them.
        int[][] train = {{0, 1, 2}, {1, 2, 3}, {0, 3}, {2, 3}};
        int[][] validation = {{4}, {4}, {5}, {6}};
        int[][] test = {{5}, {5}, {4}, {4}};
        Dataset d = PlantedData.of(7, train, validation, test);
        ItemGraph g = new ItemGraphBuilder(GraphConfig.defaults(), false).build(d);
        for (int held : new int[] {4, 5, 6}) {
            assertEquals(1, g.adjacency().rowLength(held), "item " + held + " has only its self-loop");
        }
        assertTrue(g.adjacency().get(1, 2) > 0, "train co-occurrence is an edge");
    }

    @Test
    void attributeEdgesGiveColdItemsNeighbours() {
        // Item 3 has no interactions but shares an attribute with item 0.
        int[][] train = {{0, 1}, {1, 2}, {0, 2}};
        int[][] none = {{}, {}, {}};
        Dataset base = PlantedData.of(4, train, none, none);
        int[][] attrs = {{0}, {1}, {2}, {0}};
        Dataset d = new Dataset(base.catalog(), attrs, List.of("a0", "a1", "a2"), base.train(), none, none,
                base.pooling(), base.protocol(), null);
        GraphConfig config = new GraphConfig(1, 0, 0.5, 5, 5, 1.0, 1);
        ItemGraph g = new ItemGraphBuilder(config, false).build(d);
        assertTrue(g.adjacency().get(3, 0) > 0, "cold item linked by attribute");
        ItemGraph without = new ItemGraphBuilder(config.withAttributeWeight(0), false).build(d);
        assertEquals(0f, without.adjacency().get(3, 0));
    }

    @Test
    void coViewEdgesUseViewEventsAndDwell() {
        EventType[] views = {EventType.VIEW, EventType.VIEW, EventType.PURCHASE};
        List<UserHistory> train = List.of(
                new UserHistory("a", new int[] {0, 1, 2}, views, new double[] {1, 2, 3}, new float[] {30, 60, Float.NaN}, null),
                new UserHistory("b", new int[] {0, 1, 3}, views, new double[] {1, 2, 3}, new float[] {10, 5, Float.NaN}, null));
        int[][] none = {{}, {}};
        int[][] attrs = new int[4][0];
        Dataset d = new Dataset(ItemCatalog.ofIds(List.of("a", "b", "c", "d")), attrs, List.of(), train, none, none,
                PoolingConfig.defaultWeighted(), "events", null);
        ItemGraph viewsOnly = new ItemGraphBuilder(new GraphConfig(0, 1, 0, 5, 5, 1, 1), false).build(d);
        assertTrue(viewsOnly.adjacency().get(0, 1) > 0, "co-viewed items are linked");
        assertEquals(0f, viewsOnly.adjacency().get(2, 3), "purchases are not views");
        ItemGraph purchasesOnly = new ItemGraphBuilder(new GraphConfig(1, 0, 0, 5, 5, 1, 1), false).build(d);
        assertEquals(0f, purchasesOnly.adjacency().get(0, 1), "views are not purchases");
    }
}
