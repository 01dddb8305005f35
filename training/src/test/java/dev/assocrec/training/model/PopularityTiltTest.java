package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.UserHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopularityTiltTest {
    private static final List<UserHistory> TRAIN = ItemDegreesTest.TRAIN;
    private static final EmbeddingTable TARGET = new EmbeddingTable(3, 2, new float[] {0.6f, 0.8f, 1f, 0f, 0f, -1f});

    @Test
    void rowsAreScaledByTheDegreeToTheExponent() {
        EmbeddingTable tilted = PopularityTilt.apply(TARGET, ItemDegrees.ofTrain(TRAIN, 3), 0.5);
        assertArrayEquals(new float[] {1.2f, 1.6f, 1f, 0f, 0f, -1f}, tilted.data(), 1e-6f,
                "4^0.5 = 2 for item 0; items seen once or never keep their rows");
        assertArrayEquals(new float[] {0.6f, 0.8f, 1f, 0f, 0f, -1f}, TARGET.data(), "the input table is not changed");
        EmbeddingTable damped = PopularityTilt.apply(TARGET, ItemDegrees.ofTrain(TRAIN, 3), -0.5);
        assertEquals(0.3f, damped.get(0, 0), 1e-6f, "a negative exponent damps popular items");
    }

    @Test
    void exponentZeroIsTheSameTable() {
        assertSame(TARGET, PopularityTilt.apply(TARGET, new int[] {4, 1, 0}, 0));
    }

    @Test
    void degreesMustCoverEveryRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PopularityTilt.apply(TARGET, new int[] {4, 1}, 0.5));
        assertEquals("2 degrees for 3 target rows", e.getMessage());
    }

    @Test
    void exponentIsReadFromTheModelsRecordAndIsZeroForOlderModels() {
        ObjectMapper json = new ObjectMapper();
        TrainedModel tilted = new TrainedModel(TARGET, TARGET, PoolingConfig.mean(), List.of(), 1, 0,
                json.createObjectNode().put(PopularityTilt.EXPONENT_KEY, 0.075));
        assertEquals(0.075, PopularityTilt.exponentOf(tilted));
        TrainedModel older = new TrainedModel(TARGET, TARGET, PoolingConfig.mean(), List.of(), 1, 0, json.createObjectNode());
        assertEquals(0, PopularityTilt.exponentOf(older));
    }
}
