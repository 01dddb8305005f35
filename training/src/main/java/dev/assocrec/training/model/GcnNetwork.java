package dev.assocrec.training.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.training.graph.CsrMatrix;
import dev.assocrec.training.graph.ItemGraph;
import java.util.Arrays;
import java.util.Random;

/**
 * The GCN over the item graph. Item inputs are a learnable ID embedding plus the mean of the item's
 * learnable attribute embeddings (so an item with attributes but no interactions still has an
 * input); layers multiply by D̂^-½ Â D̂^-½ and the outputs of layers 0..L are averaged. With a
 * separate target table both tables are propagated together as one wider matrix.
 *
 * <p>Propagation and the parameters live in Java ({@link Propagation}); PyTorch computes the loss
 * of a batch and its gradient with respect to the propagated table. Training optimises the served
 * function: a user vector is the weighted mean of context rows and items are ranked by cosine to
 * their target rows, i.e. by pooled · unit target row, which is what the exported tables compute.
 */
final class GcnNetwork {
    private final GcnConfig config;
    private final int items;
    private final int width;
    private final Propagation propagation;
    private final CsrMatrix attributeMean;
    private final CsrMatrix attributeMeanT;
    private final float[] idEmbedding;
    private final float[] attributeEmbedding;
    private final Adam idAdam;
    private final Adam attributeAdam;
    private final ContextScale contextScale;
    private final ExponentialAverage idAverage;
    private final ExponentialAverage attributeAverage;

    GcnNetwork(ItemGraph graph, int[][] itemAttributes, int attributeCount, ContextScale contextScale, GcnConfig config) {
        this.config = config;
        this.contextScale = contextScale;
        this.items = graph.itemCount();
        this.width = config.separateTarget() ? 2 * config.dims() : config.dims();
        Random random = new Random(config.seed());
        this.propagation = new Propagation(graph.normalized(), config.layers());
        this.idEmbedding = gaussian(items * width, random);
        this.idAdam = new Adam(idEmbedding.length, config.learningRate());
        boolean attributes = config.useAttributes() && attributeCount > 0
                && Arrays.stream(itemAttributes).anyMatch(a -> a.length > 0);
        this.attributeMean = attributes ? attributeMeanMatrix(itemAttributes, attributeCount) : null;
        this.attributeMeanT = attributes ? attributeMean.transpose() : null;
        this.attributeEmbedding = attributes ? gaussian(attributeCount * width, random) : null;
        this.attributeAdam = attributes ? new Adam(attributeEmbedding.length, config.learningRate()) : null;
        boolean averaging = config.parameterAveraging() > 0;
        this.idAverage = averaging ? new ExponentialAverage(idEmbedding.length, config.parameterAveraging()) : null;
        this.attributeAverage = averaging && attributes
                ? new ExponentialAverage(attributeEmbedding.length, config.parameterAveraging()) : null;
    }

    private static float[] gaussian(int n, Random random) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextGaussian() * 0.1);
        }
        return out;
    }

    /** Row i averages the embeddings of item i's attributes (an empty row when it has none). */
    private static CsrMatrix attributeMeanMatrix(int[][] itemAttributes, int attributeCount) {
        int[][] cols = new int[itemAttributes.length][];
        float[][] vals = new float[itemAttributes.length][];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = Arrays.stream(itemAttributes[i]).distinct().toArray();
            vals[i] = new float[cols[i].length];
            Arrays.fill(vals[i], 1f / Math.max(1, cols[i].length));
        }
        return CsrMatrix.ofRows(attributeCount, cols, vals);
    }

    private float[] inputs(float[] ids, float[] attributes) {
        if (attributeMean == null) {
            return ids;
        }
        float[] in = Propagation.multiply(attributeMean, attributes, width);
        for (int i = 0; i < in.length; i++) {
            in[i] += ids[i];
        }
        return in;
    }

    /** Layer-averaged embeddings, items × width (context columns first, then target columns). */
    private float[] propagated() {
        return propagation.propagate(inputs(idEmbedding, attributeEmbedding), width);
    }

    /** As {@link #propagated()}, from the averaged parameters when averaging is on. */
    private float[] propagatedForExport() {
        if (idAverage == null) {
            return propagated();
        }
        float[] attributes = attributeAverage == null ? attributeEmbedding : attributeAverage.value(attributeEmbedding);
        return propagation.propagate(inputs(idAverage.value(idEmbedding), attributes), width);
    }

    /** Context rows as serving pools them: the propagated rows times the per-item {@link ContextScale}. */
    private NDArray context(NDManager manager, NDArray propagated) {
        NDArray c = config.separateTarget() ? propagated.get(new NDIndex(":, :{}", config.dims())) : propagated;
        return c.mul(manager.create(contextScale.column(), new Shape(items, 1)));
    }

    private NDArray scoringTarget(NDArray propagated) {
        NDArray t = config.separateTarget() ? propagated.get(new NDIndex(":, {}:", config.dims())) : propagated;
        return config.unitTargets() ? t.normalize(2, 1, 1e-12) : t;
    }

    /**
     * One optimisation step on a batch; returns the mean cross-entropy. With {@code negatives == 0}
     * the softmax runs over all items; otherwise over each example's targets and {@code negatives}
     * items drawn uniformly per batch (shared by its examples, so one matmul serves all). The caller
     * scopes the NDArrays (NDScope).
     */
    float step(NDManager manager, TrainingBatch batch, Random random) {
        float[] grad;
        float lossValue;
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray table = manager.create(propagated(), new Shape(items, width));
            table.setRequiresGradient(true);
            NDArray pool = SparseTensors.coo(manager, batch.poolRows(), batch.poolCols(), batch.poolWeights(),
                    batch.size(), items);
            // The temperature is folded into the user vector: B×d instead of B×items divisions.
            NDArray pooled = pool.matMul(context(manager, table));
            if (config.userDropout() > 0) {
                pooled = pooled.mul(dropoutMask(manager, batch.size(), random));
            }
            NDArray user = pooled.normalize(2, 1, 1e-12).div(scalar(manager, (float) config.temperature()));
            NDArray target = scoringTarget(table);
            NDArray weights = manager.create(batch.targetWeights(), new Shape(batch.size(), batch.targetWidth()));
            NDArray loss = config.negatives() == 0
                    ? fullSoftmaxLoss(manager, batch, user, target, weights)
                    : sampledSoftmaxLoss(manager, batch, user, target, weights, random);
            gc.backward(loss);
            lossValue = loss.getFloat();
            grad = table.getGradient().toFloatArray();
        }
        float[] inputGrad = propagation.backpropagate(grad, width);
        idAdam.update(idEmbedding, inputGrad);
        if (attributeMean != null) {
            attributeAdam.update(attributeEmbedding, Propagation.multiply(attributeMeanT, inputGrad, width));
        }
        if (idAverage != null) {
            idAverage.update(idEmbedding);
        }
        if (attributeAverage != null) {
            attributeAverage.update(attributeEmbedding);
        }
        return lossValue;
    }

    private NDArray fullSoftmaxLoss(NDManager manager, TrainingBatch batch, NDArray user, NDArray target, NDArray weights) {
        NDArray logits = user.matMul(target.transpose());
        if (batch.maskRows().length > 0) {
            float[] big = new float[batch.maskRows().length];
            Arrays.fill(big, -1e4f);
            NDArray mask = SparseTensors.coo(manager, batch.maskRows(), batch.maskCols(), big, batch.size(), items);
            logits = logits.add(mask.toDense());
        }
        NDArray targets = manager.create(batch.targets(), new Shape(batch.size(), batch.targetWidth()));
        return logits.logSoftmax(1).gather(targets, 1).mul(weights).sum().neg().div(scalar(manager, batch.size()));
    }

    private NDArray sampledSoftmaxLoss(NDManager manager, TrainingBatch batch, NDArray user, NDArray target,
                                       NDArray weights, Random random) {
        long[] sampled = new long[config.negatives()];
        for (int i = 0; i < sampled.length; i++) {
            sampled[i] = random.nextInt(items);
        }
        int b = batch.size();
        int t = batch.targetWidth();
        NDArray positives = target.get(manager.create(batch.targets())).reshape(b, t, config.dims());
        NDArray positiveLogits = positives.mul(user.expandDims(1)).sum(new int[] {2});
        // Padding slots (weight 0) must not enter the denominator.
        float[] pad = new float[b * t];
        for (int i = 0; i < pad.length; i++) {
            pad[i] = batch.targetWeights()[i] == 0f ? -1e4f : 0f;
        }
        positiveLogits = positiveLogits.add(manager.create(pad, new Shape(b, t)));
        NDArray negativeLogits = user.matMul(target.get(manager.create(sampled)).transpose());
        NDArray logProbs = positiveLogits.concat(negativeLogits, 1).logSoftmax(1);
        return logProbs.get(new NDIndex(":, :{}", t)).mul(weights).sum().neg().div(scalar(manager, b));
    }

    /** Inverted-dropout mask over the batch's pooled vectors, drawn from the trainer's seeded stream. */
    private NDArray dropoutMask(NDManager manager, int rows, Random random) {
        int d = config.dims();
        float keep = (float) (1 - config.userDropout());
        float[] mask = new float[rows * d];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextFloat() < keep ? 1f / keep : 0f;
        }
        return manager.create(mask, new Shape(rows, d));
    }

    /**
     * A scalar operand in torch-owned memory. DJL's {@code div(Number)} and friends wrap the number in a
     * tensor over a Java direct buffer and close it right after the op, but autograd keeps that tensor
     * for the backward pass: once the garbage collector frees the buffer, the gradient is computed from
     * whatever reuses the memory (garbage gradients, NaN losses, same-seed runs that differ).
     */
    static NDArray scalar(NDManager manager, float value) {
        return manager.full(new Shape(), value);
    }

    /** Applies the per-epoch learning-rate decay. */
    void endEpoch() {
        idAdam.scaleLearningRate(config.learningRateDecay());
        if (attributeAdam != null) {
            attributeAdam.scaleLearningRate(config.learningRateDecay());
        }
    }

    /**
     * The served tables (from the averaged parameters when averaging is on): context rows as propagated
     * times the context scale, target rows unit length (unless unitTargets is off).
     */
    EmbeddingTable[] exportTables() {
        float[] e = propagatedForExport();
        int d = config.dims();
        float[] ctx = new float[items * d];
        float[] tgt = new float[items * d];
        int offset = config.separateTarget() ? d : 0;
        for (int i = 0; i < items; i++) {
            float s = contextScale.factor(i);
            for (int j = 0; j < d; j++) {
                ctx[i * d + j] = e[i * width + j] * s;
            }
            double norm = 0;
            for (int j = 0; j < d; j++) {
                float v = e[i * width + offset + j];
                norm += (double) v * v;
            }
            float inv = config.unitTargets() ? (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12)) : 1f;
            for (int j = 0; j < d; j++) {
                tgt[i * d + j] = e[i * width + offset + j] * inv;
            }
        }
        return new EmbeddingTable[] {new EmbeddingTable(items, d, ctx), new EmbeddingTable(items, d, tgt)};
    }
}
