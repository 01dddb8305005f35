package dev.assocrec.training.model;

import ai.djl.ndarray.NDManager;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.graph.ItemGraph;
import java.util.Random;

/**
 * The GCN over the item graph, trained for the served task. Item inputs are a learnable ID embedding
 * plus the mean of the item's learnable attribute embeddings (so an item with attributes but no
 * interactions still has an input); layers multiply by D̂^-½ Â D̂^-½ and the outputs of layers 0..L
 * are averaged. With a separate target table both tables are propagated together as one wider matrix.
 * The loss is {@link ServedLoss}. Two engines compute the same function ({@link GcnConfig.Engine}).
 */
interface GcnNetwork extends AutoCloseable {

    /** The configured engine's network; its device arrays belong to {@code manager}. */
    static GcnNetwork create(NDManager manager, ItemGraph graph, int[][] itemAttributes, int attributeCount,
                             ContextScale contextScale, GcnConfig config) {
        return create(manager, graph, itemAttributes, attributeCount, contextScale, config, null);
    }

    /** With {@code pooling} in attention mode, its parameters are trained with the tables (null: fixed pooling). */
    static GcnNetwork create(NDManager manager, ItemGraph graph, int[][] itemAttributes, int attributeCount,
                             ContextScale contextScale, GcnConfig config, PoolingConfig pooling) {
        GcnInputs inputs = GcnInputs.initial(graph.itemCount(), itemAttributes, attributeCount, config);
        ServedLoss loss = new ServedLoss(manager, contextScale, config, pooling);
        return config.engine().on(manager.getDevice()) == GcnConfig.Engine.TORCH
                ? new TorchGcnNetwork(manager, graph, inputs, loss, contextScale, config)
                : new JavaGcnNetwork(graph, inputs, loss, contextScale, config);
    }

    /**
     * One optimisation step on a batch; returns the mean cross-entropy. The caller scopes the step's
     * NDArrays (NDScope).
     */
    float step(NDManager manager, TrainingBatch batch, Random random);

    /** Applies the per-epoch learning-rate decay. */
    void endEpoch();

    /**
     * The served tables (from the averaged parameters when averaging is on): context rows as propagated
     * times the context scale, target rows unit length (unless unitTargets is off).
     */
    EmbeddingTable[] exportTables();

    /** The pooling the exported tables are scored with: {@code trainedFor}, or its learned attention. */
    PoolingConfig pooling(PoolingConfig trainedFor);

    @Override
    void close();
}
