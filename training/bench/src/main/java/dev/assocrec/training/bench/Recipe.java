package dev.assocrec.training.bench;

import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.model.GcnConfig;
import dev.assocrec.training.pipeline.Recipes;

/**
 * The hyper-parameters the benchmark uses for a data set: its entry in {@code quality-recipes.json}, which
 * extends a product recipe.
 *
 * @param positionalHalfLife recency half-life in positions for the pooling; 0 means mean pooling
 * @param refit              train the final model again on train + validation
 * @param refitEpochs        with refit: train on train + validation for exactly this many epochs (the best
 *                           epoch of an earlier selection run); 0: choose them on validation in the same run first
 * @param pooling            the recipe's pooling choice ({@code auto}: the data's own; see PoolingOption)
 */
record Recipe(GraphConfig graph, GcnConfig gcn, double positionalHalfLife, boolean refit, int refitEpochs,
              String pooling) {
    static final Recipes FILE = Recipes.load(Recipe.class.getResource("quality-recipes.json"), Recipes.product());

    static Recipe forDataset(String name) {
        return FILE.read(name, Recipe.class);
    }
}
