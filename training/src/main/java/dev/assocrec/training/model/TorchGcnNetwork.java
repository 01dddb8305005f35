package dev.assocrec.training.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.graph.ItemGraph;
import java.util.Arrays;
import java.util.Random;

/**
 * The torch engine: parameters, the normalised graph (a sparse COO tensor), propagation, the loss,
 * autograd's backward, {@link TorchAdam} and {@link TorchAverage} all live on the manager's device for
 * the whole run. Per step the host sends the batch and reads back the scalar loss; the tables cross
 * only in {@link #exportTables()} (once per epoch). The same code runs on CPU and GPU.
 */
final class TorchGcnNetwork implements GcnNetwork {
    private final GcnConfig config;
    private final int items;
    private final ServedLoss loss;
    private final ContextScale contextScale;
    private final NDArray adjacency;
    private final NDArray attributeMean;
    private final NDArray ids;
    private final NDArray attributes;
    private final AdamSchedule schedule;
    private final TorchAdam idAdam;
    private final TorchAdam attributeAdam;
    private final TorchAverage idAverage;
    private final TorchAverage attributeAverage;
    /** SAGE layers: the neighbour matrix and, per layer, W_self then W_neigh with their Adam and average; null with GCN. */
    private final NDArray neighbours;
    private final NDArray[] sageWeights;
    private final TorchAdam[] sageAdams;
    private final TorchAverage[] sageAverages;

    TorchGcnNetwork(NDManager manager, ItemGraph graph, GcnInputs inputs, ServedLoss loss, ContextScale contextScale,
                    GcnConfig config) {
        this.config = config;
        this.loss = loss;
        this.contextScale = contextScale;
        this.items = graph.itemCount();
        int width = inputs.width();
        boolean sage = config.layer() == GcnConfig.Layer.SAGE && config.layers() > 0;
        this.adjacency = sage ? null : TorchTensors.of(manager, graph.normalized());
        this.ids = parameter(manager, inputs.ids(), width);
        this.schedule = new AdamSchedule(config);
        this.idAdam = new TorchAdam(manager, ids);
        boolean averaging = config.parameterAveraging() > 0;
        this.idAverage = averaging ? new TorchAverage(manager, ids, config.parameterAveraging()) : null;
        if (inputs.hasAttributes()) {
            this.attributeMean = TorchTensors.of(manager, inputs.attributeMean());
            this.attributes = parameter(manager, inputs.attributes(), width);
            this.attributeAdam = new TorchAdam(manager, attributes);
            this.attributeAverage = averaging ? new TorchAverage(manager, attributes, config.parameterAveraging()) : null;
        } else {
            this.attributeMean = null;
            this.attributes = null;
            this.attributeAdam = null;
            this.attributeAverage = null;
        }
        if (sage) {
            this.neighbours = TorchTensors.of(manager, SageLayers.neighbours(graph));
            float[] initial = SageLayers.initialWeights(config.layers(), width);
            int n = 2 * config.layers();
            this.sageWeights = new NDArray[n];
            this.sageAdams = new TorchAdam[n];
            this.sageAverages = new TorchAverage[n];
            for (int m = 0; m < n; m++) {
                float[] w = Arrays.copyOfRange(initial, m * width * width, (m + 1) * width * width);
                sageWeights[m] = parameter(manager, w, width);
                sageAdams[m] = new TorchAdam(manager, sageWeights[m]);
                sageAverages[m] = averaging ? new TorchAverage(manager, sageWeights[m], config.parameterAveraging()) : null;
            }
        } else {
            this.neighbours = null;
            this.sageWeights = null;
            this.sageAdams = null;
            this.sageAverages = null;
        }
    }

    private static NDArray parameter(NDManager manager, float[] values, int width) {
        NDArray p = TorchTensors.dense(manager, values, new Shape(values.length / width, width));
        p.setRequiresGradient(true);
        return p;
    }

    /** Layer-averaged embeddings of the inputs ids + M·attributes, items × width, differentiable. */
    private NDArray propagate(NDManager manager, NDArray idTable, NDArray attributeTable, NDArray[] weights) {
        NDArray in = attributeMean == null ? idTable : attributeMean.matMul(attributeTable).add(idTable);
        if (!config.layerWeights().isEmpty() || !config.targetLayerWeights().isEmpty()) {
            return mixed(manager, in);
        }
        NDArray sum = in;
        NDArray current = in;
        for (int l = 0; l < config.layers(); l++) {
            current = weights == null ? adjacency.matMul(current)
                    : current.matMul(weights[2 * l]).add(neighbours.matMul(current).matMul(weights[2 * l + 1]));
            sum = sum.add(current);
        }
        return config.layers() == 0 ? sum : sum.mul(ServedLoss.scalar(manager, 1f / (config.layers() + 1)));
    }

    /** GCN layers mixed with the config's layer weights: context columns, then target columns when they differ. */
    private NDArray mixed(NDManager manager, NDArray in) {
        double[] a = config.contextMix();
        double[] b = config.targetMix();
        int d = config.dims();
        boolean separate = in.getShape().get(1) != d;
        NDArray context = null;
        NDArray target = null;
        NDArray current = in;
        for (int l = 0; l <= config.layers(); l++) {
            if (l > 0) {
                current = adjacency.matMul(current);
            }
            NDArray c = separate ? current.get(new NDIndex(":, :{}", d)) : current;
            NDArray t = separate ? current.get(new NDIndex(":, {}:", d)) : current;
            NDArray ca = c.mul(ServedLoss.scalar(manager, (float) a[l]));
            NDArray tb = t.mul(ServedLoss.scalar(manager, (float) b[l]));
            context = context == null ? ca : context.add(ca);
            target = target == null ? tb : target.add(tb);
        }
        return config.splitTables() ? context.concat(target, 1) : context;
    }

    @Override
    public float step(NDManager manager, TrainingBatch batch, Random random) {
        float value;
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray l = loss.of(manager, propagate(manager, ids, attributes, sageWeights), batch, random);
            gc.backward(l);
            value = l.getFloat();
        }
        AdamSchedule.Step adamStep = schedule.next();
        loss.updatePooling(adamStep);
        update(ids, idAdam, idAverage, adamStep);
        if (attributes != null) {
            update(attributes, attributeAdam, attributeAverage, adamStep);
        }
        if (sageWeights != null) {
            for (int m = 0; m < sageWeights.length; m++) {
                update(sageWeights[m], sageAdams[m], sageAverages[m], adamStep);
            }
        }
        return value;
    }

    private static void update(NDArray params, TorchAdam adam, TorchAverage average, AdamSchedule.Step adamStep) {
        adam.update(params, params.getGradient(), adamStep);
        JniUtils.zeroGrad((PtNDArray) params);
        if (average != null) {
            average.update(params);
        }
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
        try (NDScope scope = new NDScope()) {
            NDManager manager = ids.getManager();
            NDArray idTable = idAverage == null ? ids : idAverage.value(ids);
            NDArray attributeTable = attributes == null || attributeAverage == null ? attributes
                    : attributeAverage.value(attributes);
            NDArray[] weights = sageWeights;
            if (sageWeights != null && sageAverages[0] != null) {
                weights = new NDArray[sageWeights.length];
                for (int m = 0; m < weights.length; m++) {
                    weights[m] = sageAverages[m].value(sageWeights[m]);
                }
            }
            float[] propagated = propagate(manager, idTable, attributeTable, weights).toFloatArray();
            return ServedTables.of(propagated, items, contextScale, config);
        }
    }

    @Override
    public void close() {
        loss.close();
        idAdam.close();
        if (attributeAdam != null) {
            attributeAdam.close();
        }
        if (idAverage != null) {
            idAverage.close();
        }
        if (attributeAverage != null) {
            attributeAverage.close();
        }
        for (NDArray a : new NDArray[] {adjacency, neighbours, attributeMean, ids, attributes}) {
            if (a != null) {
                a.close();
            }
        }
        if (sageWeights != null) {
            for (int m = 0; m < sageWeights.length; m++) {
                sageWeights[m].close();
                sageAdams[m].close();
                if (sageAverages[m] != null) {
                    sageAverages[m].close();
                }
            }
        }
    }
}
