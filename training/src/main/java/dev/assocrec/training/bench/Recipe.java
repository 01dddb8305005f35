package dev.assocrec.training.bench;

import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.model.GcnConfig;

/**
 * The hyper-parameters the benchmark uses per data set (chosen on the validation split), and
 * whether the final model is refit on train + validation for the chosen number of epochs.
 *
 * @param halfLife recency half-life in positions for ordered sequences; 0 means mean pooling
 */
record Recipe(GraphConfig graph, GcnConfig gcn, double halfLife, boolean refit) {

    static Recipe forDataset(String name) {
        GcnConfig.Builder gcn = GcnConfig.defaults().toBuilder();
        return switch (name) {
            case "beauty", "toys" -> new Recipe(GraphConfig.defaults().withTopK(20),
                    gcn.objective(GcnConfig.Objective.NEXT_ITEM).layers(2).dims(64).batchSize(2048).negatives(2048)
                            .learningRate(5e-3).temperature(0.1).maxEpochs(30).patience(3).build(),
                    2, false);
            // Full softmax over 41k items and a top-50 graph cost ~10 s a step on the shared 2 cores;
            // a 25-neighbour graph and 4096 uniform negatives keep an epoch near a minute.
            case "gowalla" -> new Recipe(GraphConfig.defaults().withTopK(25),
                    gcn.objective(GcnConfig.Objective.SUBSET).layers(2).dims(64).batchSize(2048).negatives(4096)
                            .learningRate(5e-3).temperature(0.1).maxEpochs(14).patience(2).useAttributes(false).build(),
                    0, false);
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "' (beauty, toys, gowalla)");
        };
    }
}
