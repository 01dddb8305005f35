package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.graph.ItemGraphBuilder;
import dev.assocrec.training.testdata.PlantedData;
import org.junit.jupiter.api.Test;

class EngineSelectionTest {
    @Test
    void autoRunsTorchOnAGpuAndJavaOnACpuAndTheOthersAsGiven() {
        assertEquals(GcnConfig.Engine.TORCH, GcnConfig.Engine.AUTO.on(Device.gpu()));
        assertEquals(GcnConfig.Engine.JAVA, GcnConfig.Engine.AUTO.on(Device.cpu()));
        assertEquals(GcnConfig.Engine.TORCH, GcnConfig.Engine.TORCH.on(Device.cpu()));
        assertEquals(GcnConfig.Engine.JAVA, GcnConfig.Engine.JAVA.on(Device.gpu()));
        assertEquals(GcnConfig.Engine.AUTO, GcnConfig.defaults().engine());
    }

    @Test
    void theModelRecordNamesTheEngineThatRan() {
        System.setProperty("ai.djl.offline", "true");
        Dataset data = PlantedData.sequences(60, 3, 6, 6, 3);
        var graph = new ItemGraphBuilder(GraphConfig.defaults().withTopK(5), false).build(data);
        GcnConfig config = GcnConfig.defaults().toBuilder().dims(4).maxEpochs(1).device("cpu").build();
        TrainedModel model = new GcnTrainer(config, false).train(data, graph, EpochListener.NONE);
        assertEquals("JAVA", model.config().get(GcnTrainer.CONFIG_KEY).get("engine").asText());
    }
}
