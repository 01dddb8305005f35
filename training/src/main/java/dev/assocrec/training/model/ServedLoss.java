package dev.assocrec.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.assocrec.contract.PoolingConfig;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * The training loss on a propagated items × width table, the same for both engines. It optimises the
 * served function: a user vector is the weighted mean of context rows and items are ranked by cosine to
 * their target rows, i.e. by pooled · unit target row, which is what the exported tables compute.
 */
final class ServedLoss implements AutoCloseable {
    private final GcnConfig config;
    private final int items;
    /** items × 1 context scale, on the device for the whole run. */
    private final NDArray contextScale;
    /** items × 1 popularity prior on the target rows in training; null without one. */
    private final NDArray targetPrior;
    /** The learned pooling's parameters; null when the pooling is fixed. */
    private final AttentionPooling attention;

    ServedLoss(NDManager manager, ContextScale contextScale, GcnConfig config) {
        this(manager, contextScale, config, null);
    }

    ServedLoss(NDManager manager, ContextScale contextScale, GcnConfig config, PoolingConfig pooling) {
        this.config = config;
        float[] column = contextScale.column();
        this.items = column.length;
        this.contextScale = TorchTensors.dense(manager, column, new Shape(items, 1));
        this.targetPrior = config.trainPopularityExponent() > 0
                ? TorchTensors.dense(manager, contextScale.targetPrior(config.trainPopularityExponent()), new Shape(items, 1))
                : null;
        this.attention = pooling != null && pooling.mode() == PoolingConfig.Mode.ATTENTION
                ? new AttentionPooling(manager, pooling, config.dims(), config.parameterAveraging()) : null;
    }

    /** The step's update of the pooling's own parameters (after the backward pass); none for a fixed pooling. */
    void updatePooling(AdamSchedule.Step step) {
        if (attention != null) {
            attention.update(step);
        }
    }

    PoolingConfig pooling(PoolingConfig trainedFor) {
        return attention == null ? trainedFor : attention.pooling();
    }

    /**
     * The mean cross-entropy of a batch. With {@code negatives == 0} the softmax runs over all items;
     * otherwise over each example's targets and {@code negatives} items drawn uniformly per batch (shared
     * by its examples, so one matmul serves all). Draws negatives and dropout masks from {@code random}.
     */
    NDArray of(NDManager manager, NDArray table, TrainingBatch batch, Random random) {
        NDArray pooled;
        if (attention != null) {
            pooled = attention.pool(manager, context(table), batch);
        } else {
            NDArray pool = TorchTensors.coo(manager, batch.poolRows(), batch.poolCols(), batch.poolWeights(),
                    batch.size(), items);
            pooled = pool.matMul(context(table));
        }
        // The temperature is folded into the user vector: B×d instead of B×items divisions.
        if (config.userDropout() > 0) {
            pooled = pooled.mul(dropoutMask(manager, batch.size(), random));
        }
        NDArray user = pooled.normalize(2, 1, 1e-12).div(scalar(manager, (float) config.temperature()));
        NDArray target = scoringTarget(table);
        NDArray weights = manager.create(batch.targetWeights(), new Shape(batch.size(), batch.targetWidth()));
        return config.negatives() == 0
                ? fullSoftmax(manager, batch, user, target, weights)
                : sampledSoftmax(manager, batch, user, target, weights, random);
    }

    /** Context rows as serving pools them: the propagated rows times the per-item {@link ContextScale}. */
    private NDArray context(NDArray propagated) {
        NDArray c = config.splitTables() ? propagated.get(new NDIndex(":, :{}", config.dims())) : propagated;
        return c.mul(contextScale);
    }

    private NDArray scoringTarget(NDArray propagated) {
        NDArray t = config.splitTables() ? propagated.get(new NDIndex(":, {}:", config.dims())) : propagated;
        NDArray scored = config.unitTargets() ? t.normalize(2, 1, 1e-12) : t;
        return targetPrior == null ? scored : scored.mul(targetPrior);
    }

    private NDArray fullSoftmax(NDManager manager, TrainingBatch batch, NDArray user, NDArray target, NDArray weights) {
        NDArray logits = user.matMul(target.transpose());
        if (batch.maskRows().length > 0) {
            float[] big = new float[batch.maskRows().length];
            Arrays.fill(big, -1e4f);
            NDArray mask = TorchTensors.coo(manager, batch.maskRows(), batch.maskCols(), big, batch.size(), items);
            logits = logits.add(mask.toDense());
        }
        NDArray targets = manager.create(batch.targets(), new Shape(batch.size(), batch.targetWidth()));
        NDArray logProbs = logits.logSoftmax(1).gather(targets, 1);
        if (config.margin() > 0) {
            logProbs = withMargin(manager, batch, logProbs);
        }
        return logProbs.mul(weights).sum().neg().div(scalar(manager, batch.size()));
    }

    /**
     * The targets' log-probabilities once each target's logit is lowered by δ = margin / T, from those without
     * it: log p'_t = log p_t − δ − log(1 + (e^−δ − 1) · Σ_u p_u) over the row's distinct targets u. Exact, and it
     * needs no second batch × items tensor (a dense addend of the margins would cost two of them per step).
     */
    private NDArray withMargin(NDManager manager, TrainingBatch batch, NDArray logProbs) {
        int t = batch.targetWidth();
        float[] distinct = new float[batch.targets().length];
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < distinct.length; i++) {
            // A repeated target is one logit: its probability counts once.
            if (batch.targetWeights()[i] != 0f && seen.add((long) (i / t) * items + batch.targets()[i])) {
                distinct[i] = 1f;
            }
        }
        float delta = (float) (config.margin() / config.temperature());
        NDArray mass = logProbs.exp().mul(manager.create(distinct, new Shape(batch.size(), t))).sum(new int[] {1}, true);
        NDArray log = mass.mul(scalar(manager, (float) Math.expm1(-delta))).add(scalar(manager, 1f)).log();
        return logProbs.sub(scalar(manager, delta)).sub(log);
    }

    private NDArray sampledSoftmax(NDManager manager, TrainingBatch batch, NDArray user, NDArray target,
                                   NDArray weights, Random random) {
        long[] sampled = new long[config.negatives()];
        for (int i = 0; i < sampled.length; i++) {
            sampled[i] = random.nextInt(items);
        }
        int b = batch.size();
        int t = batch.targetWidth();
        NDArray positives = target.get(manager.create(batch.targets())).reshape(b, t, config.dims());
        NDArray positiveLogits = positives.mul(user.expandDims(1)).sum(new int[] {2});
        // Padding slots (weight 0) must not enter the denominator; the others take the margin.
        float margin = (float) (-config.margin() / config.temperature());
        float[] pad = new float[b * t];
        for (int i = 0; i < pad.length; i++) {
            pad[i] = batch.targetWeights()[i] == 0f ? -1e4f : margin;
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

    @Override
    public void close() {
        contextScale.close();
        if (targetPrior != null) {
            targetPrior.close();
        }
        if (attention != null) {
            attention.close();
        }
    }
}
