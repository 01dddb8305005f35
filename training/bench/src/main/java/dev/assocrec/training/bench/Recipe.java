package dev.assocrec.training.bench;

import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.ingest.InputFormat;
import dev.assocrec.training.model.GcnConfig;
import dev.assocrec.training.pipeline.TrainingDefaults;
import dev.assocrec.training.pipeline.TrainingSettings;

/**
 * The hyper-parameters the benchmark uses per data set (chosen on the validation split), and
 * whether the final model is refit on train + validation for the chosen number of epochs.
 *
 * @param halfLife    recency half-life in positions for ordered sequences; 0 means mean pooling
 * @param refitEpochs with refit: the epoch count an earlier selection run chose on validation (the final
 *                    run then trains on train + validation for exactly that many epochs, without
 *                    validation scoring); 0: choose it on validation in the same run, then refit
 */
record Recipe(GraphConfig graph, GcnConfig gcn, double halfLife, boolean refit, int refitEpochs) {
    /**
     * The epoch with the best validation NDCG@20 in Gowalla's selection run, which trains the recipe on
     * train only and scores validation after every epoch (report: training/quality/gowalla/selection):
     * {@code QualityBenchmark --datasets gowalla --no-refit}.
     */
    static final int GOWALLA_REFIT_EPOCHS = 11;
    /** The popularity prior's exponent that selection run chose on validation for its best epoch (see PopularityTilt). */
    static final double GOWALLA_POPULARITY_EXPONENT = 0.05;

    static Recipe forDataset(String name) {
        GcnConfig.Builder gcn = GcnConfig.defaults().toBuilder();
        return switch (name) {
            case "beauty", "toys" -> new Recipe(GraphConfig.defaults().withTopK(20),
                    gcn.objective(GcnConfig.Objective.NEXT_ITEM).layers(2).dims(64).batchSize(2048).negatives(2048)
                            .learningRate(5e-3).temperature(0.1).maxEpochs(30).patience(3).build(),
                    2, false, 0);
            // The LightGCN format's defaults are the recipe chosen on Gowalla's validation split. The final model
            // is refit on train + validation for GOWALLA_REFIT_EPOCHS, the best epoch of the selection run, with the
            // prior it chose (a selection run chooses its own prior on validation; a refit has none to choose on).
            case "gowalla" -> {
                TrainingSettings lightGcn = TrainingDefaults.forFormat(InputFormat.LIGHTGCN).settings();
                yield new Recipe(lightGcn.graph(), lightGcn.gcn().toBuilder().popularityExponent(GOWALLA_POPULARITY_EXPONENT).build(),
                        0, true, GOWALLA_REFIT_EPOCHS);
            }
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "' (beauty, toys, gowalla)");
        };
    }
}
