package dev.assocrec.training.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.graph.ItemGraphBuilder;
import dev.assocrec.training.model.GcnConfig;
import dev.assocrec.training.model.PopularityTilt;
import dev.assocrec.training.model.TrainedModel;
import dev.assocrec.training.report.CurvePlot;
import dev.assocrec.training.report.EvaluationReport;
import dev.assocrec.training.report.ReportWriter;
import dev.assocrec.training.testdata.PlantedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GcnFittingTest {
    private static final GraphConfig GRAPH = GraphConfig.defaults().withTopK(10);
    private static Dataset data;

    @BeforeAll
    static void setUp() {
        System.setProperty("ai.djl.offline", "true");
        data = PlantedData.sequences(300, 8, 12, 9, 5);
    }

    private static GcnConfig config() {
        return GcnConfig.defaults().toBuilder().dims(8).layers(1).batchSize(128).maxEpochs(3).device("cpu").build();
    }

    private static GcnFitting fitting(StringWriter log) {
        return new GcnFitting(new StepLog(new PrintWriter(log)), false);
    }

    @Test
    void refitForAGivenEpochCountTrainsThatManyEpochsWithoutValidationAndSaysSo() {
        StringWriter log = new StringWriter();
        TrainedModel model = fitting(log).refitFor(data, GRAPH, config(), 2);
        assertEquals(2, model.epochs().size(), "exactly the given epochs, whatever maxEpochs says");
        assertEquals(2, model.bestEpoch());
        assertTrue(model.epochs().stream().allMatch(e -> Double.isNaN(e.validationNdcg20())),
                "no validation items are left to score: " + model.epochs());
        assertTrue(model.config().path(GcnFitting.REFIT_KEY).asBoolean());
        assertEquals(2, model.config().path(GcnFitting.REFIT_EPOCHS_KEY).asInt());
        assertTrue(log.toString().contains("refit epoch 2"), log.toString());

        EvaluationReport report = report(model);
        assertTrue(report.protocol().endsWith("GCN refit on train + validation for 2 epochs (the count chosen on validation)"
                        + "; popularity prior τ = 0.0 (as configured)"), report.protocol());
        String markdown = ReportWriter.markdown(report);
        assertTrue(markdown.contains("2 epochs, no validation split left to score"), markdown);
        assertFalse(markdown.contains("NaN"), markdown);
        assertFalse(CurvePlot.svg("refit", model.epochs(), 2).contains("fill=\"#1f77b4\">"),
                "no validation NDCG axis without validation scores");
    }

    @Test
    void theReportSaysWhenTheWeightsAreAnAverageOverSteps() {
        TrainedModel model = fitting(new StringWriter()).refitFor(data, GRAPH,
                config().toBuilder().parameterAveraging(0.9).build(), 1);
        assertTrue(report(model).protocol().endsWith("for 1 epochs (the count chosen on validation) (their exponential "
                + "moving average over steps, decay 0.9 per step); popularity prior τ = 0.0 (as configured)"),
                report(model).protocol());
    }

    @Test
    void withoutRefitTheReportSaysTheWeightsAreTheBestValidationEpochs() {
        TrainedModel model = fitting(new StringWriter()).fit(data,
                new ItemGraphBuilder(GRAPH, false).build(data), config(), false);
        assertFalse(model.config().path(GcnFitting.REFIT_KEY).asBoolean(true));
        assertTrue(model.epochs().stream().noneMatch(e -> Double.isNaN(e.validationNdcg20())));
        EvaluationReport report = report(model);
        assertTrue(report.protocol().contains("GCN weights of the epoch with the best validation NDCG@20; popularity prior τ = "),
                report.protocol());
        assertTrue(ReportWriter.markdown(report).contains("Best epoch " + model.bestEpoch() + " of 3"));
        assertTrue(CurvePlot.svg("selection", model.epochs(), model.bestEpoch()).contains("fill=\"#1f77b4\">"));
    }

    @Test
    void theRefitCarriesThePopularityExponentChosenOnValidation() {
        StringWriter log = new StringWriter();
        Dataset skewed = withPopularValidation(data);
        TrainedModel model = fitting(log).fit(skewed, new ItemGraphBuilder(GRAPH, false).build(skewed), config(), true);
        double chosen = PopularityTilt.exponentOf(model);
        assertTrue(chosen > 0, "validation favours popular items, so a prior is chosen: " + model.config());
        assertTrue(model.config().has(PopularityTilt.SCREEN_KEY), model.config().toString());
        assertTrue(log.toString().contains("popularity exponent " + chosen + " chosen on validation"), log.toString());
        String protocol = report(model).protocol();
        assertTrue(protocol.contains("; popularity prior τ = " + chosen + " (chosen on validation; NDCG@20 per τ: 0.0 → "),
                protocol);
        // Target rows are unit length before the prior, so each row's norm is its factor.
        Dataset all = GcnFitting.withValidationInTrain(skewed);
        int[] degree = trainDegrees(all);
        for (int i = 0; i < all.itemCount(); i++) {
            double norm = 0;
            for (int j = 0; j < model.target().dims(); j++) {
                norm += model.target().get(i, j) * model.target().get(i, j);
            }
            assertEquals(Math.pow(Math.max(1, degree[i]), chosen), Math.sqrt(norm), 1e-4,
                    "refit target row " + i + " carries max(1, train + validation degree)^" + chosen);
        }
    }

    /** Train histories holding each item, counted here independently of the trainer's own count. */
    private static int[] trainDegrees(Dataset d) {
        int[] degree = new int[d.itemCount()];
        d.train().forEach(h -> java.util.Arrays.stream(h.items()).distinct().forEach(i -> degree[i]++));
        return degree;
    }

    /** Each validation set replaced by the most popular train item the user does not have. */
    private static Dataset withPopularValidation(Dataset d) {
        int[] degree = trainDegrees(d);
        Integer[] byDegree = java.util.stream.IntStream.range(0, d.itemCount()).boxed()
                .sorted((a, b) -> degree[b] - degree[a]).toArray(Integer[]::new);
        int[][] validation = new int[d.userCount()][];
        for (int u = 0; u < d.userCount(); u++) {
            java.util.Set<Integer> known = new java.util.HashSet<>();
            java.util.Arrays.stream(d.train().get(u).items()).forEach(known::add);
            java.util.Arrays.stream(d.test()[u]).forEach(known::add);
            validation[u] = d.validation()[u].length == 0 ? new int[0]
                    : new int[] {java.util.Arrays.stream(byDegree).filter(i -> !known.contains(i)).findFirst().orElseThrow()};
        }
        return new Dataset(d.catalog(), d.itemAttributes(), d.attributeNames(), d.train(), validation, d.test(),
                d.pooling(), d.protocol(), d.provenance());
    }

    private static EvaluationReport report(TrainedModel model) {
        return RunReports.of("planted", data, Map.of(), model.epochs(), model.bestEpoch(), model.trainSeconds(), 0,
                model.config());
    }
}
