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
            // Chosen on the validation split (training/quality/README.md): a full softmax over all items
            // with every history item as a target (a denoising objective) on one shared table, 80-95 % of
            // a history pooled, 3 layers over a top-50 graph; batches of 2048 keep an epoch near 40 s.
            case "gowalla" -> new Recipe(GraphConfig.defaults().withTopK(50),
                    gcn.objective(GcnConfig.Objective.SUBSET).subset(0.8, 0.95).targetsIncludeInputs(true)
                            .separateTarget(false).layers(3).dims(64).batchSize(2048).negatives(0)
                            .learningRate(5e-3).learningRateDecay(0.97).temperature(0.1).maxEpochs(25).patience(3)
                            .useAttributes(false).build(),
                    0, false);
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "' (beauty, toys, gowalla)");
        };
    }
}
