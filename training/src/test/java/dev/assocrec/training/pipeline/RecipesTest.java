package dev.assocrec.training.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.ingest.IngestSettings;
import dev.assocrec.training.ingest.InputFormat;
import dev.assocrec.training.model.GcnConfig;
import org.junit.jupiter.api.Test;

class RecipesTest {
    private static final Recipes FILE = Recipes.load(RecipesTest.class.getResource("test-recipes.json"), Recipes.product());

    @Test
    void aRecipeChangesOnlyWhatItNamesFromTheOneItExtends() {
        TrainingDefaults sequence = TrainingDefaults.forFormat(InputFormat.SEQUENCE);
        TrainingDefaults wider = FILE.defaults("wider");
        assertEquals(sequence.settings().gcn().toBuilder().dims(128).build(), wider.settings().gcn());
        assertEquals(sequence.settings().graph(), wider.settings().graph());
        assertEquals(sequence.positionalHalfLife(), wider.positionalHalfLife());

        TrainingDefaults shallow = FILE.defaults("wider-shallow");
        assertEquals(wider.settings().gcn().toBuilder().layers(0).build(), shallow.settings().gcn());
        assertTrue(shallow.settings().refit());
    }

    @Test
    void withoutExtendsARecipeStartsFromTheCodeDefaults() {
        TrainingDefaults plain = FILE.defaults("plain");
        assertEquals(GraphConfig.defaults().withTopK(7), plain.settings().graph());
        assertEquals(GcnConfig.defaults(), plain.settings().gcn());
        assertEquals(IngestSettings.DEFAULT_POSITIONAL_HALF_LIFE, plain.positionalHalfLife());
    }

    @Test
    void theProductRecipesDifferWhereTheKindsOfDataDo() {
        GcnConfig events = TrainingDefaults.forFormat(InputFormat.CSV).settings().gcn();
        GcnConfig sequence = TrainingDefaults.forFormat(InputFormat.SEQUENCE).settings().gcn();
        GcnConfig lightgcn = TrainingDefaults.forFormat(InputFormat.LIGHTGCN).settings().gcn();
        assertEquals(GcnConfig.Objective.SUBSET, events.objective());
        assertEquals(GcnConfig.Objective.NEXT_ITEM, sequence.objective());
        assertEquals(2048, sequence.negatives());
        assertEquals(10, lightgcn.layers());
        assertEquals(5, TrainingDefaults.forFormat(InputFormat.LIGHTGCN).settings().graph().topK());
        assertTrue(TrainingDefaults.forFormat(InputFormat.LIGHTGCN).settings().refit(), "lightgcn selects, then refits");
        assertFalse(TrainingDefaults.forFormat(InputFormat.SEQUENCE).settings().refit(), "sequences keep the selected model");
        assertEquals(TrainingDefaults.forFormat(InputFormat.CSV), TrainingDefaults.forFormat(InputFormat.PARQUET));
    }

    @Test
    void mistakesNameTheRecipeAndWhatIsWrong() {
        assertMessage("typo", "dimz");
        assertMessage("bad-value", "dims");
        assertMessage("orphan", "extends unknown 'nowhere'");
        assertMessage("ring-a", "circle");
        assertMessage("missing", "no recipe 'missing'");
    }

    private static void assertMessage(String recipe, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FILE.defaults(recipe));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        if (!recipe.equals("missing")) {
            assertTrue(e.getMessage().contains(recipe), e.getMessage());
        }
    }
}
