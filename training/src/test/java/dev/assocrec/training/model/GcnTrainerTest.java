package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.eval.EmbeddingScorer;
import dev.assocrec.training.eval.EvalTask;
import dev.assocrec.training.eval.Evaluator;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.eval.PopularityScorer;
import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.graph.ItemGraphBuilder;
import dev.assocrec.training.testdata.PlantedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GcnTrainerTest {
    private static Dataset data;
    private static ItemGraph graph;

    @BeforeAll
    static void setUp() {
        System.setProperty("ai.djl.offline", "true");
        data = PlantedData.sequences(600, 10, 15, 9, 11);
        graph = new ItemGraphBuilder(GraphConfig.defaults().withTopK(10), false).build(data);
    }

    private static GcnConfig small() {
        return GcnConfig.defaults().toBuilder().dims(16).layers(2).maxEpochs(12).patience(3)
                .batchSize(256).learningRate(0.02).device("cpu").build();
    }

    @Test
    void beatsPopularityClearlyOnPlantedStructure() {
        List<EpochStats> seen = new ArrayList<>();
        TrainedModel model = new GcnTrainer(small(), false).train(data, graph, seen::add);
        assertBeatsPopularityClearly(model);
        assertEquals(seen, model.epochs(), "listener saw every epoch");
        assertTrue(model.bestEpoch() >= 1 && model.bestEpoch() <= seen.size());
        assertTrue(seen.get(seen.size() - 1).loss() < seen.get(0).loss(), "loss falls");
    }

    private static void assertBeatsPopularityClearly(TrainedModel model) {
        Evaluator evaluator = new Evaluator(data.itemCount());
        EvalTask test = EvalTask.test(data);
        Metrics pop = evaluator.evaluate(new PopularityScorer(data), test);
        Metrics gcn;
        try (EmbeddingScorer s = new EmbeddingScorer("gcn", model.context(), model.target(), model.pooling(), Device.cpu())) {
            gcn = evaluator.evaluate(s, test);
        }
        assertTrue(gcn.ndcg20() > 2 * pop.ndcg20() && gcn.hr20() > pop.hr20() + 0.2,
                "gcn " + gcn + " vs popularity " + pop);
    }

    @Test
    void denoisingSubsetObjectiveOnOneSharedTableBeatsPopularity() {
        // The Gowalla recipe's scheme: pool 80-95 % of a history, every history item a target, one table.
        GcnConfig config = small().toBuilder().objective(GcnConfig.Objective.SUBSET).subsetMin(0.8).subsetMax(0.95)
                .targetsIncludeInputs(true).separateTarget(false).learningRateDecay(0.97).build();
        TrainedModel model = new GcnTrainer(config, false).train(data, graph, EpochListener.NONE);
        assertBeatsPopularityClearly(model);
        float[] prior = ItemDegrees.powers(ItemDegrees.ofTrain(data.train(), data.itemCount()),
                PopularityTilt.exponentOf(model));
        for (int j = 0; j < data.itemCount(); j++) {
            for (int k = 0; k < model.target().dims(); k++) {
                double norm = 0;
                for (int c = 0; c < model.context().dims(); c++) {
                    norm += model.context().get(j, c) * model.context().get(j, c);
                }
                assertEquals(model.context().get(j, k) / Math.sqrt(norm) * prior[j], model.target().get(j, k), 1e-4,
                        "a shared table: target row " + j + " is the unit context row times the popularity prior");
            }
        }
    }

    @Test
    void sameSeedSameModel() {
        GcnConfig config = small().toBuilder().maxEpochs(2).build();
        TrainedModel a = new GcnTrainer(config, false).train(data, graph, EpochListener.NONE);
        TrainedModel b = new GcnTrainer(config, false).train(data, graph, EpochListener.NONE);
        assertArrayEquals(a.context().data(), b.context().data());
        assertArrayEquals(a.target().data(), b.target().data());
        TrainedModel c = new GcnTrainer(config.toBuilder().seed(7).build(), false).train(data, graph, EpochListener.NONE);
        assertTrue(!java.util.Arrays.equals(a.context().data(), c.context().data()), "another seed, another model");
    }

    @Test
    void parameterAveragingExportsTheAverageNotTheLastStep() {
        GcnConfig last = small().toBuilder().maxEpochs(3).build().withFixedPopularityExponent(0);
        TrainedModel plain = new GcnTrainer(last, false).train(data, graph, EpochListener.NONE);
        TrainedModel vanishing = new GcnTrainer(last.toBuilder().parameterAveraging(1e-9).build(), false)
                .train(data, graph, EpochListener.NONE);
        assertEquals(plain.bestEpoch(), vanishing.bestEpoch());
        assertArrayEquals(plain.context().data(), vanishing.context().data(), 1e-5f, "a vanishing decay keeps the last step");
        TrainedModel averaged = new GcnTrainer(last.toBuilder().parameterAveraging(0.9).build(), false)
                .train(data, graph, EpochListener.NONE);
        assertEquals(plain.epochs().get(0).loss(), averaged.epochs().get(0).loss(), "averaging does not change training");
        assertTrue(!java.util.Arrays.equals(plain.context().data(), averaged.context().data()), "decay 0.9 averages");
        assertBeatsPopularityClearly(averaged);
    }

    @Test
    void dropoutChangesTrainingReproduciblyAndStillLearns() {
        GcnConfig plain = small().toBuilder().maxEpochs(4).build().withFixedPopularityExponent(0);
        GcnConfig dropout = plain.toBuilder().userDropout(0.2).build();
        TrainedModel a = new GcnTrainer(dropout, false).train(data, graph, EpochListener.NONE);
        TrainedModel b = new GcnTrainer(dropout, false).train(data, graph, EpochListener.NONE);
        assertArrayEquals(a.context().data(), b.context().data(), "the masks come from the seeded stream");
        TrainedModel none = new GcnTrainer(plain, false).train(data, graph, EpochListener.NONE);
        assertTrue(a.epochs().get(0).loss() > none.epochs().get(0).loss(),
                "noisy user vectors fit the training targets less well: " + a.epochs().get(0) + " vs " + none.epochs().get(0));
        assertBeatsPopularityClearly(a);
    }

    @Test
    void aNonFiniteLossStopsTrainingWithAClearError() {
        // Steps of 1e38 overflow the embeddings' squared norms, so the cosine logits become NaN.
        GcnConfig config = small().toBuilder().learningRate(1e38).build();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new GcnTrainer(config, false).train(data, graph, EpochListener.NONE));
        assertTrue(e.getMessage().startsWith("training diverged: loss NaN at epoch ") && e.getMessage().contains("1.0E38"),
                e.getMessage());
    }

    @Test
    void exportedTablesScoreLikeTheServedReferenceScorer() {
        GcnConfig config = small().toBuilder().maxEpochs(1).negatives(32).build();
        TrainedModel m = new GcnTrainer(config, false).train(data, graph, EpochListener.NONE);
        var history = data.train().get(0);
        float[] weights = dev.assocrec.contract.HistoryPooling.weights(history.entries(), m.pooling());
        ReferenceScorer ref = new ReferenceScorer(m.context(), m.target());
        float[] pooled = ref.pool(history.items(), weights);
        float[] scores = new float[data.itemCount()];
        try (EmbeddingScorer s = new EmbeddingScorer("gcn", m.context(), m.target(), m.pooling(), Device.cpu())) {
            s.score(List.of(history), scores);
        }
        for (int j = 0; j < data.itemCount(); j++) {
            assertEquals(ref.score(pooled, j), scores[j], 1e-4, "item " + j);
        }
        assertTargetNorms(m, PopularityTilt.exponentOf(m));
    }

    /** Target rows are unit length times max(1, train degree)^exponent. */
    private static void assertTargetNorms(TrainedModel m, double exponent) {
        float[] prior = ItemDegrees.powers(ItemDegrees.ofTrain(data.train(), data.itemCount()), exponent);
        for (int j = 0; j < data.itemCount(); j++) {
            double norm = 0;
            for (int k = 0; k < m.target().dims(); k++) {
                norm += m.target().get(j, k) * m.target().get(j, k);
            }
            assertEquals(prior[j], Math.sqrt(norm), 1e-4, "target row " + j);
        }
    }

    @Test
    void popularityExponentIsChosenOnValidationAndTheTablesScoreAsScreened() {
        TrainedModel m = new GcnTrainer(small().toBuilder().maxEpochs(3).build(), false).train(data, graph, EpochListener.NONE);
        var screen = m.config().get(PopularityTilt.SCREEN_KEY);
        assertEquals(PopularityTilt.CANDIDATES.length, screen.size(), screen.toString());
        double chosen = PopularityTilt.exponentOf(m);
        double bestNdcg = screen.get(Double.toString(chosen)).asDouble();
        for (double candidate : PopularityTilt.CANDIDATES) {
            double ndcg = screen.get(Double.toString(candidate)).asDouble();
            assertTrue(ndcg < bestNdcg || ndcg == bestNdcg && candidate >= chosen,
                    "the best exponent, the smallest on a tie: " + screen + " chose " + chosen);
        }
        assertEquals(m.epochs().get(m.bestEpoch() - 1).validationNdcg20(), screen.get("0.0").asDouble(),
                "exponent 0 is the selected epoch as trained");
        Metrics served;
        try (EmbeddingScorer s = new EmbeddingScorer("gcn", m.context(), m.target(), m.pooling(), Device.cpu())) {
            served = new Evaluator(data.itemCount()).evaluate(s, EvalTask.validation(data));
        }
        assertEquals(bestNdcg, served.ndcg20(), 1e-9, "the returned tables are the ones that scored best");
        assertTargetNorms(m, chosen);
    }

    /** A prior trained with (τ_t 0.1): epochs validate as trained, and the screen's τ is the rows' whole exponent. */
    @Test
    void aTrainedPopularityPriorIsValidatedAsTrainedAndTheChosenExponentIsTheWhole() {
        TrainedModel m = new GcnTrainer(small().toBuilder().maxEpochs(3).trainPopularityExponent(0.1).build(), false)
                .train(data, graph, EpochListener.NONE);
        var screen = m.config().get(PopularityTilt.SCREEN_KEY);
        assertEquals(m.epochs().get(m.bestEpoch() - 1).validationNdcg20(), screen.get("0.1").asDouble(),
                "exponent 0.1 is the selected epoch as trained");
        assertEquals(m.epochs().get(m.bestEpoch() - 1).validationRecall20(),
                m.config().get(PopularityTilt.RECALL_SCREEN_KEY).get("0.1").asDouble());
        double chosen = PopularityTilt.exponentOf(m);
        Metrics served;
        try (EmbeddingScorer s = new EmbeddingScorer("gcn", m.context(), m.target(), m.pooling(), Device.cpu())) {
            served = new Evaluator(data.itemCount()).evaluate(s, EvalTask.validation(data));
        }
        assertEquals(screen.get(Double.toString(chosen)).asDouble(), served.ndcg20(), 1e-9,
                "the returned tables score as screened");
        assertTargetNorms(m, chosen);
    }

    @Test
    void aFixedPopularityExponentIsAppliedWithoutAScreen() {
        TrainedModel m = new GcnTrainer(small().toBuilder().maxEpochs(1).build().withFixedPopularityExponent(0.3), false)
                .train(data, graph, EpochListener.NONE);
        assertEquals(0.3, PopularityTilt.exponentOf(m));
        assertTrue(!m.config().has(PopularityTilt.SCREEN_KEY), m.config().toString());
        assertTargetNorms(m, 0.3);
    }

    // Degree-scaled context rows: the loss training minimises is the served function of the exported tables.

    private static GcnConfig degreeScaled(double exponent) {
        return GcnConfig.defaults().toBuilder().dims(8).layers(2).batchSize(64).device("cpu")
                .objective(GcnConfig.Objective.SUBSET).subsetMin(0.5).subsetMax(0.8).separateTarget(false).useAttributes(false)
                .contextDegreeExponent(exponent).build();
    }

    private static GcnNetwork network(NDManager manager, GcnConfig config) {
        ContextScale scale = ContextScale.ofDegrees(data.train(), data.itemCount(), config.contextDegreeExponent());
        return GcnNetwork.create(manager, graph, data.itemAttributes(), 0, scale, config);
    }

    @Test
    void exportedContextRowsAreScaledByDegreeAndTargetsAreNot() {
        EmbeddingTable[] plain;
        EmbeddingTable[] scaled;
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
             GcnNetwork a = network(manager, degreeScaled(0));
             GcnNetwork b = network(manager, degreeScaled(0.5))) {
            plain = a.exportTables();
            scaled = b.exportTables();
        }
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
        for (GcnConfig.Engine engine : GcnConfig.Engine.values()) {
            GcnConfig config = degreeScaled(0.5).toBuilder().engine(engine).build();
            TrainingBatch batch = new ExampleSampler(data.train(), data.pooling(), config).epoch(new Random(3)).get(0);
            try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
                 GcnNetwork net = network(manager, config)) {
                EmbeddingTable[] served = net.exportTables();
                float loss;
                try (NDScope scope = new NDScope()) {
                    loss = net.step(manager, batch, new Random(4));
                }
                assertEquals(servedLoss(batch, served[0], served[1], config.temperature()), loss, 1e-4, engine.name());
            }
        }
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
