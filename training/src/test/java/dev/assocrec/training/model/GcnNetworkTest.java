package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.graph.ItemGraphBuilder;
import dev.assocrec.training.testdata.PlantedData;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The degree-scaled context rows: the loss training minimises is the served function of the exported tables. */
class GcnNetworkTest {
    private static Dataset data;
    private static ItemGraph graph;

    @BeforeAll
    static void setUp() {
        System.setProperty("ai.djl.offline", "true");
        data = PlantedData.sequences(300, 8, 12, 9, 5);
        graph = new ItemGraphBuilder(GraphConfig.defaults().withTopK(10), false).build(data);
    }

    private static GcnConfig config(double exponent) {
        return GcnConfig.defaults().toBuilder().dims(8).layers(2).batchSize(64).device("cpu")
                .objective(GcnConfig.Objective.SUBSET).subset(0.5, 0.8).separateTarget(false).useAttributes(false)
                .contextDegreeExponent(exponent).build();
    }

    private static GcnNetwork network(GcnConfig config) {
        ContextScale scale = ContextScale.ofDegrees(data.train(), data.itemCount(), config.contextDegreeExponent());
        return new GcnNetwork(graph, data.itemAttributes(), 0, scale, config);
    }

    @Test
    void exportedContextRowsAreScaledByDegreeAndTargetsAreNot() {
        EmbeddingTable[] plain = network(config(0)).exportTables();
        EmbeddingTable[] scaled = network(config(0.5)).exportTables();
        ContextScale scale = ContextScale.ofDegrees(data.train(), data.itemCount(), 0.5);
        for (int i = 0; i < data.itemCount(); i++) {
            for (int j = 0; j < plain[0].dims(); j++) {
                assertEquals(plain[0].get(i, j) * scale.factor(i), scaled[0].get(i, j), 1e-6, "context " + i + "," + j);
            }
        }
        assertArrayEquals(plain[1].data(), scaled[1].data(), "target rows do not depend on the context scale");
    }

    @Test
    void trainingLossIsTheServedScoringOfTheExportedTables() {
        GcnConfig config = config(0.5);
        GcnNetwork net = network(config);
        EmbeddingTable[] served = net.exportTables();
        TrainingBatch batch = new ExampleSampler(data.train(), data.pooling(), config).epoch(new Random(3)).get(0);
        float loss;
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(); NDScope scope = new NDScope()) {
            loss = net.step(manager, batch, new Random(4));
        }
        assertEquals(servedLoss(batch, served[0], served[1], config.temperature()), loss, 1e-4);
    }

    /** Mean cross-entropy of the full softmax over served scores: mean-pooled context rows (unit length) · target rows. */
    private static double servedLoss(TrainingBatch b, EmbeddingTable context, EmbeddingTable target, double temperature) {
        int d = context.dims();
        int items = context.rows();
        double[][] user = new double[b.size()][d];
        for (int k = 0; k < b.poolRows().length; k++) {
            for (int j = 0; j < d; j++) {
                user[(int) b.poolRows()[k]][j] += b.poolWeights()[k] * context.get((int) b.poolCols()[k], j);
            }
        }
        double total = 0;
        for (int r = 0; r < b.size(); r++) {
            double norm = Math.sqrt(java.util.Arrays.stream(user[r]).map(x -> x * x).sum());
            double[] logits = new double[items];
            for (int i = 0; i < items; i++) {
                for (int j = 0; j < d; j++) {
                    logits[i] += user[r][j] / norm * target.get(i, j) / temperature;
                }
            }
            for (int k = 0; k < b.maskRows().length; k++) {
                if (b.maskRows()[k] == r) {
                    logits[(int) b.maskCols()[k]] -= 1e4;
                }
            }
            double max = java.util.Arrays.stream(logits).max().orElseThrow();
            double logZ = max + Math.log(java.util.Arrays.stream(logits).map(x -> Math.exp(x - max)).sum());
            for (int t = 0; t < b.targetWidth(); t++) {
                total -= b.targetWeights()[r * b.targetWidth() + t] * (logits[(int) b.targets()[r * b.targetWidth() + t]] - logZ);
            }
        }
        return total / b.size();
    }
}
