package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.graph.ItemGraphBuilder;
import dev.assocrec.training.ingest.InputFormat;
import dev.assocrec.training.pipeline.TrainingDefaults;
import dev.assocrec.training.testdata.PlantedData;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The torch engine computes today's model: from the same seed and data, both engines take the same steps
 * (the same losses, the same tables) and reach the same validation figures, up to float rounding.
 */
class TorchEngineEquivalenceTest {
    /** Relative tolerance on a step's loss: float sums in another order, compounded over a few Adam steps. */
    private static final double LOSS_TOLERANCE = 1e-4;
    /** Absolute tolerance on exported table entries after one step (entries are around 0.1, unit rows). */
    private static final double TABLE_TOLERANCE = 1e-5;
    private static final int STEPS = 8;
    private static Dataset data;
    private static ItemGraph graph;

    @BeforeAll
    static void setUp() {
        System.setProperty("ai.djl.offline", "true");
        data = PlantedData.sequences(400, 8, 12, 9, 5);
        graph = new ItemGraphBuilder(GraphConfig.defaults().withTopK(8), false).build(data);
    }

    private static GcnConfigBuilder base() {
        return GcnConfig.defaults().toBuilder().dims(16).layers(2).batchSize(128).learningRate(0.02).device("cpu");
    }

    @Test
    void fullSoftmaxWithAttributesAveragingAndDecayTakesTheSameSteps() {
        assertSameSteps(base().parameterAveraging(0.9).learningRateDecay(0.9).contextDegreeExponent(0.5).build());
    }

    @Test
    void sampledNegativesSharedTableAndDropoutTakeTheSameSteps() {
        assertSameSteps(base().batchSize(48).negatives(32).separateTarget(false).userDropout(0.2).layers(3)
                .objective(GcnConfig.Objective.SUBSET).targetsIncludeInputs(true).build());
    }

    /** The lightgcn recipe's loss (one table, every history item a target) with a margin and a cosine schedule. */
    @Test
    void aMarginAndACosineScheduleTakeTheSameSteps() {
        assertSameSteps(base().batchSize(48).separateTarget(false).layers(3).objective(GcnConfig.Objective.SUBSET)
                .targetsIncludeInputs(true).margin(0.2).cosineEpochs(2).build());
    }

    @Test
    void aMarginOverSampledNegativesTakesTheSameSteps() {
        assertSameSteps(base().batchSize(48).negatives(32).margin(0.3).cosineEpochs(3).learningRateDecay(0.9).build());
    }

    /** One shared base table mixed over the layers differently for the context and the target side. */
    @Test
    void layerWeightsPerSideOnASharedTableTakeTheSameSteps() {
        assertSameSteps(base().batchSize(48).separateTarget(false).layers(3).objective(GcnConfig.Objective.SUBSET)
                .targetsIncludeInputs(true).margin(0.1).layerWeights(List.of(2.0, 1.0, 1.0, 1.0))
                .targetLayerWeights(List.of(1.0, 1.0, 0.0, 0.0)).build());
    }

    @Test
    void layerWeightsOnSeparateTablesWithAttributesTakeTheSameSteps() {
        assertSameSteps(base().parameterAveraging(0.9).layerWeights(List.of(0.5, 0.3, 0.2)).build());
    }

    @Test
    void sageLayersWithAttributesAndAveragingTakeTheSameSteps() {
        assertSameSteps(base().layer(GcnConfig.Layer.SAGE).parameterAveraging(0.9).learningRateDecay(0.9).build());
    }

    @Test
    void sageLayersOnASharedTableTakeTheSameSteps() {
        assertSameSteps(base().layer(GcnConfig.Layer.SAGE).batchSize(48).separateTarget(false).layers(3)
                .objective(GcnConfig.Objective.SUBSET).targetsIncludeInputs(true).build());
    }

    /**
     * The event logs' default above {@link TrainingDefaults#LARGE_CATALOGUE_ITEMS} items (subset objective, held-out
     * targets, separate target table, attributes, sampled negatives, no history mask), with its batch and
     * negatives scaled down to the planted data's 400 histories.
     */
    @Test
    void theLargeCatalogueDefaultTakesTheSameSteps() {
        GcnConfig large = TrainingDefaults.forFormat(InputFormat.CSV)
                .forCatalogue(TrainingDefaults.LARGE_CATALOGUE_ITEMS + 1).settings().gcn();
        assertTrue(large.negatives() > 0 && large.batchSize() > 512, "sampled, larger batches: " + large);
        assertSameSteps(large.toBuilder().dims(16).batchSize(48).negatives(48).device("cpu").build());
    }

    /** Attention pooling's parameters are trained in the loss, the same code in both engines. */
    @Test
    void attentionPoolingTakesTheSameStepsAndLearnsTheSameParameters() {
        GcnConfig config = base().parameterAveraging(0.9).build();
        PoolingConfig attention = PoolingConfig.attentionFrom(data.pooling(), config.dims());
        PoolingConfig[] learned = assertSameSteps(config, attention);
        PoolingConfig.Attention a = learned[0].attention();
        PoolingConfig.Attention b = learned[1].attention();
        assertEquals(a.recencySlope(), b.recencySlope(), 1e-4, "recency slope");
        assertTrue(a.recencySlope() != attention.attention().recencySlope(), "the slope was trained");
        for (int j = 0; j < config.dims(); j++) {
            assertEquals(a.vector().get(j), b.vector().get(j), 1e-4, "attention vector " + j);
        }
        assertTrue(a.vector().stream().anyMatch(v -> v != 0), "the vector was trained: " + a.vector());
    }

    private static void assertSameSteps(GcnConfig config) {
        assertSameSteps(config, data.pooling());
    }

    /** The learned poolings of the java and the torch engine after the steps. */
    private static PoolingConfig[] assertSameSteps(GcnConfig config, PoolingConfig pooling) {
        List<TrainingBatch> batches = new ExampleSampler(data.train(), pooling, config).epoch(new Random(1));
        assertTrue(batches.size() >= STEPS, "enough batches: " + batches.size());
        ContextScale scale = ContextScale.ofDegrees(data.train(), data.itemCount(), config.contextDegreeExponent());
        GcnConfig javaConfig = config.toBuilder().engine(GcnConfig.Engine.JAVA).build();
        GcnConfig torchConfig = config.toBuilder().engine(GcnConfig.Engine.TORCH).build();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
             GcnNetwork java = GcnNetwork.create(manager, graph, data.itemAttributes(), data.attributeNames().size(),
                     scale, javaConfig, pooling);
             GcnNetwork torch = GcnNetwork.create(manager, graph, data.itemAttributes(), data.attributeNames().size(),
                     scale, torchConfig, pooling)) {
            assertTrue(data.attributeNames().size() > 0, "the planted data has attributes, so their path is compared");
            assertTablesEqual(java.exportTables(), torch.exportTables(), 1e-6, "initial tables");
            Random javaRandom = new Random(2);
            Random torchRandom = new Random(2);
            for (int s = 0; s < STEPS; s++) {
                float a;
                float b;
                try (NDScope scope = new NDScope()) {
                    a = java.step(manager, batches.get(s), javaRandom);
                    b = torch.step(manager, batches.get(s), torchRandom);
                }
                assertEquals(a, b, LOSS_TOLERANCE * Math.abs(a), "loss of step " + (s + 1));
                if (s == 0) {
                    assertTablesEqual(java.exportTables(), torch.exportTables(), TABLE_TOLERANCE, "tables after one step");
                }
                if (s == 3) {
                    java.endEpoch();
                    torch.endEpoch();
                }
            }
            return new PoolingConfig[] {java.pooling(pooling), torch.pooling(pooling)};
        }
    }

    private static void assertTablesEqual(EmbeddingTable[] a, EmbeddingTable[] b, double tolerance, String what) {
        for (int t = 0; t < 2; t++) {
            float[] x = a[t].data();
            float[] y = b[t].data();
            assertEquals(x.length, y.length);
            double worst = 0;
            for (int i = 0; i < x.length; i++) {
                worst = Math.max(worst, Math.abs(x[i] - y[i]));
            }
            assertTrue(worst <= tolerance, what + ", table " + t + ": largest difference " + worst + " > " + tolerance);
        }
    }

    @Test
    void theTorchEngineIsReproducible() {
        GcnConfig config = base().maxEpochs(2).engine(GcnConfig.Engine.TORCH).build().withFixedPopularityExponent(0);
        TrainedModel a = new GcnTrainer(config, false).train(data, graph, EpochListener.NONE);
        TrainedModel b = new GcnTrainer(config, false).train(data, graph, EpochListener.NONE);
        assertArrayEquals(a.context().data(), b.context().data(), "same seed, same tables");
        assertArrayEquals(a.target().data(), b.target().data(), "same seed, same tables");
    }

    @Test
    void shortTrainingReachesTheSameValidationFigures() {
        GcnConfig config = base().maxEpochs(3).patience(3).build().withFixedPopularityExponent(0);
        TrainedModel java = new GcnTrainer(config.toBuilder().engine(GcnConfig.Engine.JAVA).build(), false)
                .train(data, graph, EpochListener.NONE);
        TrainedModel torch = new GcnTrainer(config.toBuilder().engine(GcnConfig.Engine.TORCH).build(), false)
                .train(data, graph, EpochListener.NONE);
        assertEquals(java.epochs().size(), torch.epochs().size());
        for (int e = 0; e < java.epochs().size(); e++) {
            EpochStats a = java.epochs().get(e);
            EpochStats b = torch.epochs().get(e);
            assertEquals(a.loss(), b.loss(), 1e-3 * a.loss(), "epoch " + (e + 1) + " loss");
            assertEquals(a.validationNdcg20(), b.validationNdcg20(), 0.005, "epoch " + (e + 1) + " validation NDCG@20");
            assertEquals(a.validationRecall20(), b.validationRecall20(), 0.01, "epoch " + (e + 1) + " validation Recall@20");
        }
        assertEquals(java.bestEpoch(), torch.bestEpoch());
    }
}
