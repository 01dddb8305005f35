package dev.assocrec.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.training.ingest.BadInputException;
import dev.assocrec.training.ingest.InputFormat;
import dev.assocrec.training.model.GcnConfig;
import dev.assocrec.training.pipeline.TrainingDefaults;
import dev.assocrec.training.pipeline.TrainingSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HyperParameterOptionsTest {
    private static final TrainingSettings LIGHTGCN = TrainingDefaults.forFormat(InputFormat.LIGHTGCN).settings();
    private static final TrainingSettings EVENTS = TrainingDefaults.forFormat(InputFormat.CSV).settings();

    private static HyperParameterOptions parse(String... args) {
        HyperParameterOptions options = new HyperParameterOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void popularityExponentIsChosenOnValidationUnlessGiven() throws BadInputException {
        TrainingSettings chosen = parse().apply(LIGHTGCN, 42);
        assertTrue(chosen.gcn().choosePopularityExponent());
        TrainingSettings fixed = parse("--popularity-exponent", "0.3").apply(LIGHTGCN, 42);
        assertEquals(0.3, fixed.gcn().popularityExponent());
        assertFalse(fixed.gcn().choosePopularityExponent(), "a given exponent is used as given");
    }

    @Test
    void aNonFiniteExponentIsBadInputNamingTheField() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> parse("--popularity-exponent", "NaN").apply(LIGHTGCN, 42));
        assertEquals("--popularity-exponent NaN: must be a finite number", e.getMessage());
    }

    @Test
    void parameterAveragingIsOffUnlessGivenAndADecayOfOneIsBadInput() throws BadInputException {
        assertEquals(0, parse().apply(LIGHTGCN, 42).gcn().parameterAveraging());
        assertEquals(0.9, parse("--param-averaging", "0.9").apply(LIGHTGCN, 42).gcn().parameterAveraging());
        BadInputException e = assertThrows(BadInputException.class,
                () -> parse("--param-averaging", "1").apply(LIGHTGCN, 42));
        assertEquals("--param-averaging 1.0: must be at least 0 and below 1", e.getMessage());
    }

    @Test
    void dropoutIsOffUnlessGivenAndAProbabilityOfOneIsBadInput() throws BadInputException {
        assertEquals(0, parse().apply(LIGHTGCN, 42).gcn().userDropout());
        assertEquals(0.1, parse("--dropout", "0.1").apply(LIGHTGCN, 42).gcn().userDropout());
        BadInputException e = assertThrows(BadInputException.class, () -> parse("--dropout", "1").apply(LIGHTGCN, 42));
        assertEquals("--dropout 1.0: must be at least 0 and below 1", e.getMessage());
    }

    @Test
    void theCosineScheduleAndTheMarginAreTakenAndOutOfRangeValuesAreBadInput() throws BadInputException {
        GcnConfig given = parse("--lr-cosine-epochs", "20", "--margin", "0.2").apply(LIGHTGCN, 42).gcn();
        assertEquals(20, given.cosineEpochs());
        assertEquals(0.2, given.margin());
        BadInputException e = assertThrows(BadInputException.class,
                () -> parse("--lr-cosine-epochs", "-1").apply(LIGHTGCN, 42));
        assertEquals("--lr-cosine-epochs -1: must be at least 0", e.getMessage());
        e = assertThrows(BadInputException.class, () -> parse("--margin", "2").apply(LIGHTGCN, 42));
        assertEquals("--margin 2.0: must be at least 0 and below 2", e.getMessage());
    }

    @Test
    void layerWeightsAreTakenPerSideAndAWrongCountOrSignIsOneLineNamingTheFlag() throws BadInputException {
        GcnConfig given = parse("--layers", "2", "--layer-weights", "2,1,1", "--target-layer-weights", "1,1,0")
                .apply(LIGHTGCN, 42).gcn();
        assertEquals(java.util.List.of(2.0, 1.0, 1.0), given.layerWeights());
        assertEquals(java.util.List.of(1.0, 1.0, 0.0), given.targetLayerWeights());
        assertEquals(0.5, given.contextMix()[0]);
        assertTrue(given.splitTables(), "two mixes of one table are two served tables");
        BadInputException e = assertThrows(BadInputException.class,
                () -> parse("--layers", "2", "--layer-weights", "1,1").apply(LIGHTGCN, 42));
        assertEquals("--layer-weights 1.0,1.0: need 3 numbers, one per layer output 0..2 (give --layer-weights)",
                e.getMessage());
        e = assertThrows(BadInputException.class,
                () -> parse("--layers", "1", "--target-layer-weights", "-1,2").apply(LIGHTGCN, 42));
        assertEquals("--target-layer-weights -1.0,2.0: must be numbers >= 0, not all 0", e.getMessage());
        e = assertThrows(BadInputException.class,
                () -> parse("--layers", "1", "--layer", "sage", "--layer-weights", "1,2").apply(LIGHTGCN, 42));
        assertEquals("--layer-weights 1.0,2.0: needs --layer gcn", e.getMessage());
    }

    @Test
    void theTrainingPriorIsTheRecipesUnlessGivenAndOutOfRangeIsBadInput() throws BadInputException {
        assertEquals(0.05, parse().apply(LIGHTGCN, 42).gcn().trainPopularityExponent());
        assertEquals(0, parse().apply(EVENTS, 42).gcn().trainPopularityExponent());
        assertEquals(0, parse("--train-popularity-exponent", "0").apply(LIGHTGCN, 42).gcn().trainPopularityExponent());
        assertEquals(0.1, parse("--train-popularity-exponent", "0.1").apply(EVENTS, 42).gcn().trainPopularityExponent());
        BadInputException e = assertThrows(BadInputException.class,
                () -> parse("--train-popularity-exponent", "-0.1").apply(LIGHTGCN, 42));
        assertEquals("--train-popularity-exponent -0.1: must be at least 0 and at most 1", e.getMessage());
    }

    @Test
    void theUserWeightExponentIsTheRecipesUnlessGivenAndOutOfRangeIsBadInput() throws BadInputException {
        assertEquals(0.5, parse().apply(LIGHTGCN, 42).gcn().userWeightExponent(), "the lightgcn recipe's");
        assertEquals(0, parse().apply(TrainingDefaults.forFormat(InputFormat.CSV).settings(), 42).gcn().userWeightExponent());
        assertEquals(0.5, parse("--user-weight-exponent", "0.5").apply(LIGHTGCN, 42).gcn().userWeightExponent());
        BadInputException e = assertThrows(BadInputException.class,
                () -> parse("--user-weight-exponent", "2").apply(LIGHTGCN, 42));
        assertEquals("--user-weight-exponent 2.0: must be at least 0 and at most 1", e.getMessage());
    }

    @Test
    void engineIsAutoUnlessGivenAndAnUnknownEngineIsOneLineNamingTheFlag() throws BadInputException {
        assertEquals(GcnConfig.Engine.AUTO, parse().apply(LIGHTGCN, 42).gcn().engine());
        assertEquals(GcnConfig.Engine.JAVA, parse("--engine", "java").apply(LIGHTGCN, 42).gcn().engine());
        assertEquals(GcnConfig.Engine.TORCH, parse("--engine", "Torch").apply(LIGHTGCN, 42).gcn().engine());
        BadInputException e = assertThrows(BadInputException.class, () -> parse("--engine", "cuda").apply(LIGHTGCN, 42));
        assertEquals("--engine cuda: use auto, java or torch", e.getMessage());
    }

    @Test
    void layerIsTheRecipesUnlessGivenAndAnUnknownLayerIsOneLineNamingTheFlag() throws BadInputException {
        assertEquals(LIGHTGCN.gcn().layer(), parse().apply(LIGHTGCN, 42).gcn().layer());
        assertEquals(GcnConfig.Layer.SAGE, parse("--layer", "SAGE").apply(LIGHTGCN, 42).gcn().layer());
        assertEquals(GcnConfig.Layer.GCN, parse("--layer", "gcn").apply(LIGHTGCN, 42).gcn().layer());
        BadInputException e = assertThrows(BadInputException.class, () -> parse("--layer", "gat").apply(LIGHTGCN, 42));
        assertEquals("--layer gat: use gcn or sage", e.getMessage());
    }

    @Test
    void aLargeCatalogueSamplesNegativesInLargerBatchesUnlessTheOptionsSayOtherwise() throws BadInputException {
        TrainingDefaults events = TrainingDefaults.forFormat(InputFormat.CSV);
        int large = TrainingDefaults.LARGE_CATALOGUE_ITEMS + 1;
        GcnConfig small = parse().apply(events.forCatalogue(TrainingDefaults.LARGE_CATALOGUE_ITEMS).settings(), 42).gcn();
        assertEquals(0, small.negatives(), "up to the threshold: the softmax over all items");
        assertEquals(512, small.batchSize());
        GcnConfig big = parse().apply(events.forCatalogue(large).settings(), 42).gcn();
        assertEquals(2048, big.negatives());
        assertEquals(4096, big.batchSize());
        assertEquals(small.toBuilder().negatives(2048).batchSize(4096).build(), big, "nothing else changes");
        GcnConfig old = parse("--negatives", "0", "--batch", "512").apply(events.forCatalogue(large).settings(), 42).gcn();
        assertEquals(small, old, "--negatives 0 --batch 512 restore the full softmax");
        GcnConfig sequences = TrainingDefaults.forFormat(InputFormat.SEQUENCE).forCatalogue(large).settings().gcn();
        assertEquals(TrainingDefaults.forFormat(InputFormat.SEQUENCE).settings().gcn().toBuilder().batchSize(4096).build(),
                sequences, "sequences keep their 2048 sampled negatives and take the larger batch");
    }
}
