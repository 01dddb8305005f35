package dev.assocrec.training.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.graph.ItemGraph;
import java.util.Random;

/**
 * The Java engine: parameters, propagation and its backward ({@link LinearGcn}), {@link Adam} and
 * averaging in multithreaded Java on the host; PyTorch computes the loss of a batch and its gradient
 * with respect to the propagated table, which crosses to the loss's device and back every step.
 */
final class JavaGcnNetwork implements GcnNetwork {
    private final GcnConfig config;
    private final int items;
    private final int width;
    private final LinearGcn linear;
    private final ServedLoss loss;
    private final ContextScale contextScale;
    private final float[] idEmbedding;
    private final float[] attributeEmbedding;
    private final AdamSchedule schedule;
    private final Adam idAdam;
    private final Adam attributeAdam;
    private final ExponentialAverage idAverage;
    private final ExponentialAverage attributeAverage;
    /** The SAGE layers, their weights, Adam and average; all null with GCN layers. */
    private final SageLayers sage;
    private final float[] sageWeights;
    private final Adam sageAdam;
    private final ExponentialAverage sageAverage;

    JavaGcnNetwork(ItemGraph graph, GcnInputs inputs, ServedLoss loss, ContextScale contextScale, GcnConfig config) {
        this.config = config;
        this.loss = loss;
        this.contextScale = contextScale;
        this.items = graph.itemCount();
        this.width = inputs.width();
        boolean sageLayers = config.layer() == GcnConfig.Layer.SAGE && config.layers() > 0;
        this.linear = new LinearGcn(sageLayers ? null : new Propagation(graph.normalized(), config),
                inputs.attributeMean(), width);
        this.idEmbedding = inputs.ids().clone();
        this.attributeEmbedding = inputs.hasAttributes() ? inputs.attributes().clone() : null;
        this.schedule = new AdamSchedule(config);
        this.idAdam = new Adam(idEmbedding.length);
        this.attributeAdam = inputs.hasAttributes() ? new Adam(attributeEmbedding.length) : null;
        boolean averaging = config.parameterAveraging() > 0;
        this.idAverage = averaging ? new ExponentialAverage(idEmbedding.length, config.parameterAveraging()) : null;
        this.attributeAverage = averaging && inputs.hasAttributes()
                ? new ExponentialAverage(attributeEmbedding.length, config.parameterAveraging()) : null;
        this.sage = sageLayers ? new SageLayers(SageLayers.neighbours(graph), config.layers(), width) : null;
        this.sageWeights = sageLayers ? SageLayers.initialWeights(config.layers(), width) : null;
        this.sageAdam = sageLayers ? new Adam(sageWeights.length) : null;
        this.sageAverage = sageLayers && averaging ? new ExponentialAverage(sageWeights.length, config.parameterAveraging()) : null;
    }

    private float[] table(float[] ids, float[] attributes, float[] weights) {
        return sage == null ? linear.forward(ids, attributes) : sage.forward(linear.input(ids, attributes), weights).table();
    }

    @Override
    public float step(NDManager manager, TrainingBatch batch, Random random) {
        float[] grad;
        float lossValue;
        SageLayers.Pass pass;
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            pass = sage == null ? null : sage.forward(linear.input(idEmbedding, attributeEmbedding), sageWeights);
            float[] forward = pass == null ? linear.forward(idEmbedding, attributeEmbedding) : pass.table();
            NDArray table = manager.create(forward, new Shape(items, forward.length / items));
            table.setRequiresGradient(true);
            NDArray l = loss.of(manager, table, batch, random);
            gc.backward(l);
            lossValue = l.getFloat();
            grad = table.getGradient().toFloatArray();
        }
        LinearGcn.Gradients g;
        float[] sageGradient = null;
        if (pass == null) {
            g = linear.backward(grad);
        } else {
            SageLayers.Gradients sg = sage.backward(pass, sageWeights, grad);
            g = linear.inputBackward(sg.input());
            sageGradient = sg.weights();
        }
        AdamSchedule.Step adamStep = schedule.next();
        loss.updatePooling(adamStep);
        if (sage != null) {
            sageAdam.update(sageWeights, sageGradient, adamStep);
            if (sageAverage != null) {
                sageAverage.update(sageWeights);
            }
        }
        idAdam.update(idEmbedding, g.ids(), adamStep);
        if (attributeAdam != null) {
            attributeAdam.update(attributeEmbedding, g.attributes(), adamStep);
        }
        if (idAverage != null) {
            idAverage.update(idEmbedding);
        }
        if (attributeAverage != null) {
            attributeAverage.update(attributeEmbedding);
        }
        return lossValue;
    }

    @Override
    public PoolingConfig pooling(PoolingConfig trainedFor) {
        return loss.pooling(trainedFor);
    }

    @Override
    public void endEpoch() {
        schedule.endEpoch();
    }

    @Override
    public EmbeddingTable[] exportTables() {
        float[] ids = idAverage == null ? idEmbedding : idAverage.value(idEmbedding);
        float[] attributes = attributeAverage == null ? attributeEmbedding : attributeAverage.value(attributeEmbedding);
        float[] weights = sage == null ? null : sageAverage == null ? sageWeights : sageAverage.value(sageWeights);
        return ServedTables.of(table(ids, attributes, weights), items, contextScale, config);
    }

    @Override
    public void close() {
        loss.close();
    }
}
