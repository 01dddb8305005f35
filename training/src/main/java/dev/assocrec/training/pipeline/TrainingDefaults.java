package dev.assocrec.training.pipeline;

import dev.assocrec.training.ingest.InputFormat;

/**
 * The hyper-parameters a run starts from for each kind of data: the product recipes in {@code recipes.json}
 * (see {@link Recipes}). Every value can be overridden from the command line.
 *
 * @param positionalHalfLife pooling half-life in items for sequence files
 */
public record TrainingDefaults(TrainingSettings settings, double positionalHalfLife) {

    public static TrainingDefaults forFormat(InputFormat format) {
        return Recipes.product().defaults(recipeName(format));
    }

    /** The product recipe each input format trains with. */
    public static String recipeName(InputFormat format) {
        return switch (format) {
            case CSV, PARQUET -> "events";
            case SEQUENCE -> "sequence";
            case LIGHTGCN -> "lightgcn";
        };
    }
}
