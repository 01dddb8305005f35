package dev.assocrec.training.pipeline;

import dev.assocrec.training.model.GcnConfig;
import dev.assocrec.training.model.GcnConfigBuilder;
import dev.assocrec.training.ingest.InputFormat;

/**
 * The hyper-parameters a run starts from for each kind of data: the product recipes in {@code recipes.json}
 * (see {@link Recipes}). Every value can be overridden from the command line.
 *
 * @param positionalHalfLife pooling half-life in items for sequence files
 * @param pooling            the recipe's pooling ({@link PoolingOption#AUTO}: the data's own)
 */
public record TrainingDefaults(TrainingSettings settings, double positionalHalfLife, PoolingOption pooling) {
    /**
     * Above this many items the defaults switch a softmax over all items to sampled negatives and take
     * larger batches (see {@link #forCatalogue}). Every data set of training/quality/README.md (Gowalla, the
     * largest, has 40,981 items) stays below it, so their figures are those of the full softmax.
     */
    public static final int LARGE_CATALOGUE_ITEMS = 50_000;
    /** Sampled negatives per batch above {@link #LARGE_CATALOGUE_ITEMS} (the sequence files' default). */
    public static final int LARGE_CATALOGUE_NEGATIVES = 2048;
    /** The least batch size above {@link #LARGE_CATALOGUE_ITEMS}. */
    public static final int LARGE_CATALOGUE_BATCH = 4096;

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

    /**
     * These defaults for a catalogue of {@code items}. Up to {@link #LARGE_CATALOGUE_ITEMS} they are as they
     * are. Above it, a softmax over all items becomes {@link #LARGE_CATALOGUE_NEGATIVES} uniformly sampled
     * negatives (the full softmax makes an epoch cost examples × items: 724 s at 100k items against 17 s at
     * 20k), and a batch takes at least {@link #LARGE_CATALOGUE_BATCH} examples, because every step
     * propagates the whole graph: fewer, larger steps divide that cost (training/ENGINES.md, Scale).
     */
    public TrainingDefaults forCatalogue(int items) {
        if (items <= LARGE_CATALOGUE_ITEMS) {
            return this;
        }
        GcnConfig gcn = settings.gcn();
        GcnConfigBuilder b = gcn.toBuilder().batchSize(Math.max(gcn.batchSize(), LARGE_CATALOGUE_BATCH));
        if (gcn.negatives() == 0) {
            b.negatives(LARGE_CATALOGUE_NEGATIVES);
        }
        return new TrainingDefaults(new TrainingSettings(settings.graph(), b.build(), settings.refit()),
                positionalHalfLife, pooling);
    }
}
