package dev.assocrec.training.pipeline;

import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.ingest.InputFormat;
import dev.assocrec.training.model.GcnConfig;

/**
 * Hyper-parameters that work for each kind of data, as the quality benchmark found them on the
 * validation split: S3-Rec sequences learn to predict the next item; shop event logs and LightGCN
 * check-in sets learn to complete a random part of each history.
 * Every value can be overridden from the command line.
 *
 * @param positionalHalfLife pooling half-life in items for sequence files (the benchmark's choice)
 */
public record TrainingDefaults(TrainingSettings settings, double positionalHalfLife) {
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
        GcnConfig.Builder gcn = GcnConfig.defaults().toBuilder();
        return switch (format) {
            // Next-item examples of every event prefix score a few points higher on the demo shop but take
            // ~15x longer per epoch; completing a random part of each history trains the demo in seconds.
            case CSV, PARQUET -> new TrainingDefaults(new TrainingSettings(GraphConfig.defaults().withTopK(20),
                    gcn.objective(GcnConfig.Objective.SUBSET).layers(2).dims(64).batchSize(512).negatives(0)
                            .learningRate(5e-3).temperature(0.1).maxEpochs(30).patience(3).build(), false), 2);
            case SEQUENCE -> new TrainingDefaults(new TrainingSettings(GraphConfig.defaults().withTopK(20),
                    gcn.objective(GcnConfig.Objective.NEXT_ITEM).layers(2).dims(64).batchSize(2048).negatives(2048)
                            .learningRate(5e-3).temperature(0.1).maxEpochs(30).patience(3).build(), false), 2);
            // Chosen on Gowalla's validation split (training/quality/README.md): a full softmax over all items
            // with every history item as a target (a denoising objective) on one shared table, 80-95 % of a
            // history pooled, 3 layers over a top-50 graph; batches of 2048 keep an epoch near 40 s on 2 cores.
            // Adam 2e-2 reaches the plateau that 5e-3 reached in 17 epochs in about half as many.
            case LIGHTGCN -> new TrainingDefaults(new TrainingSettings(GraphConfig.defaults().withTopK(50),
                    gcn.objective(GcnConfig.Objective.SUBSET).subset(0.8, 0.95).targetsIncludeInputs(true)
                            .separateTarget(false).layers(3).dims(64).batchSize(2048).negatives(0)
                            .learningRate(2e-2).learningRateDecay(0.97).temperature(0.1).maxEpochs(25).patience(3)
                            .useAttributes(false).build(),
                    false), 2);
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
        GcnConfig.Builder b = gcn.toBuilder().batchSize(Math.max(gcn.batchSize(), LARGE_CATALOGUE_BATCH));
        if (gcn.negatives() == 0) {
            b.negatives(LARGE_CATALOGUE_NEGATIVES);
        }
        return new TrainingDefaults(new TrainingSettings(settings.graph(), b.build(), settings.refit()),
                positionalHalfLife);
    }
}
