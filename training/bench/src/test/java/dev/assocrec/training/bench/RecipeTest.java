package dev.assocrec.training.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.training.ingest.InputFormat;
import dev.assocrec.training.pipeline.TrainingDefaults;
import dev.assocrec.training.pipeline.TrainingSettings;
import org.junit.jupiter.api.Test;

/** The harness's recipes are the product's, changed only where quality-recipes.json says. */
class RecipeTest {
    @Test
    void theSequenceDataSetsTrainWithTheProductsSequenceRecipe() {
        TrainingDefaults sequence = TrainingDefaults.forFormat(InputFormat.SEQUENCE);
        for (String name : new String[] {"beauty", "toys"}) {
            Recipe r = Recipe.forDataset(name);
            assertEquals(sequence.settings().gcn(), r.gcn(), name);
            assertEquals(sequence.settings().graph(), r.graph(), name);
            assertEquals(sequence.positionalHalfLife(), r.positionalHalfLife(), name);
            assertFalse(r.refit(), name);
        }
    }

    @Test
    void gowallaIsTheLightGcnRecipeWithTheSelectedPriorRefitForTheSelectedEpochs() {
        TrainingSettings lightgcn = TrainingDefaults.forFormat(InputFormat.LIGHTGCN).settings();
        Recipe r = Recipe.forDataset("gowalla");
        assertEquals(lightgcn.gcn().toBuilder().popularityExponent(0.075).build(), r.gcn());
        assertEquals(lightgcn.graph(), r.graph());
        assertEquals(0, r.positionalHalfLife());
        assertTrue(r.refit());
        assertEquals(10, r.refitEpochs());
    }

    @Test
    void everyDataSetTheHarnessAcceptsHasARecipe() {
        QualityBenchmark.DATASETS.forEach(name -> assertTrue(Recipe.FILE.has(name), name));
    }
}
