package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ManifestJson;
import dev.assocrec.contract.PoolingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainedModelTest {
    @Test
    void trainingRecordSaysHowToReproduceTheRun() {
        EmbeddingTable t = new EmbeddingTable(2, 1, new float[] {1, 2});
        JsonNode config = ManifestJson.MAPPER.createObjectNode().put("layers", 2);
        TrainedModel m = new TrainedModel(t, t, PoolingConfig.mean(),
                List.of(new EpochStats(1, 0.9, 0.1, 0.05, 1.5), new EpochStats(2, 0.7, 0.12, 0.06, 1.4)), 2, 2.9, config);
        JsonNode record = m.trainingRecord();
        assertEquals(2, record.get("config").get("layers").asInt());
        assertEquals(2, record.get("bestEpoch").asInt());
        assertEquals(2, record.get("epochsRun").asInt());
        assertEquals(2.9, record.get("trainSeconds").asDouble());
    }
}
