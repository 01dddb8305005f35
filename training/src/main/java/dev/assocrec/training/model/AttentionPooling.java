package dev.assocrec.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.assocrec.contract.EventType;
import dev.assocrec.contract.PoolingConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The attention pooling of {@link PoolingConfig.Attention} as a differentiable batch operation, with its
 * parameters (vector, one bias per event type, recency slope) on the loss's device, trained by {@link TorchAdam}
 * in both engines (the loss is the same code in both, so they take the same steps). Per pooled entry p of example
 * r: eₚ = vector·contextₚ + typeBias·onehotₚ + slope·ageₚ + ln explicitₚ; the pooled vector of r is
 * Σₚ exp(eₚ − mᵣ)·contextₚ / Σₚ exp(eₚ − mᵣ), the per-example sums as a sparse example × entry product (DJL has no
 * segment ops). mᵣ, the example's largest logit, only keeps exp in range: it cancels, so it is read back to the
 * host without a gradient. Equal to the contract's {@code HistoryPooling} of the same entries (AttentionPoolingTest).
 */
final class AttentionPooling implements AutoCloseable {
    static final int TYPES = EventType.values().length;

    private final PoolingConfig initial;
    private final int dims;
    private final List<NDArray> params = new ArrayList<>();
    private final List<TorchAdam> adams = new ArrayList<>();
    private final List<TorchAverage> averages = new ArrayList<>();
    private final NDArray vector;
    private final NDArray typeBias;
    private final NDArray slope;
    /** A floor for the per-example sums: an example without entries pools to zero instead of 0/0. */
    private final NDArray tiny;

    AttentionPooling(NDManager manager, PoolingConfig initial, int dims, double averaging) {
        this.initial = initial;
        this.dims = dims;
        PoolingConfig.Attention a = initial.attention();
        if (a.vector().size() != dims) {
            throw new IllegalArgumentException("pooling.attention.vector has " + a.vector().size() + " values, the model "
                    + dims + " dimensions");
        }
        float[] bias = new float[TYPES];
        for (EventType t : EventType.values()) {
            bias[t.ordinal()] = (float) a.bias(t);
        }
        this.vector = parameter(manager, a.vectorArray(), new Shape(dims, 1), averaging);
        this.typeBias = parameter(manager, bias, new Shape(TYPES, 1), averaging);
        this.slope = parameter(manager, new float[] {(float) a.recencySlope()}, new Shape(1), averaging);
        this.tiny = manager.full(new Shape(), Float.MIN_NORMAL);
    }

    private NDArray parameter(NDManager manager, float[] values, Shape shape, double averaging) {
        NDArray p = TorchTensors.dense(manager, values, shape);
        p.setRequiresGradient(true);
        params.add(p);
        adams.add(new TorchAdam(manager, p));
        if (averaging > 0) {
            averages.add(new TorchAverage(manager, p, averaging));
        }
        return p;
    }

    /** batch × dims pooled context rows of the batch's examples. */
    NDArray pool(NDManager manager, NDArray context, TrainingBatch batch) {
        int entries = batch.poolRows().length;
        NDArray rows = context.get(manager.create(batch.poolCols()));
        NDArray logits = rows.matMul(vector)
                .add(manager.create(batch.poolTypes(), new Shape(entries, TYPES)).matMul(typeBias))
                .reshape(entries)
                .add(manager.create(batch.poolAges()).mul(slope))
                .add(manager.create(logOf(batch.poolWeights())));
        float[] values = logits.toFloatArray();
        float[] rowMax = new float[batch.size()];
        java.util.Arrays.fill(rowMax, Float.NEGATIVE_INFINITY);
        for (int p = 0; p < entries; p++) {
            int r = (int) batch.poolRows()[p];
            rowMax[r] = Math.max(rowMax[r], values[p]);
        }
        float[] shift = new float[entries];
        for (int p = 0; p < entries; p++) {
            shift[p] = rowMax[(int) batch.poolRows()[p]];
        }
        NDArray u = logits.sub(manager.create(shift)).exp().reshape(entries, 1);
        long[] cols = new long[entries];
        float[] ones = new float[entries];
        for (int p = 0; p < entries; p++) {
            cols[p] = p;
            ones[p] = 1f;
        }
        NDArray sum = TorchTensors.coo(manager, batch.poolRows(), cols, ones, batch.size(), entries);
        return sum.matMul(rows.mul(u)).div(sum.matMul(u).maximum(tiny));
    }

    private static float[] logOf(float[] weights) {
        float[] out = new float[weights.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.log(weights[i]);
        }
        return out;
    }

    /** One Adam step on the gradients the loss's backward left, then clears them. */
    void update(AdamSchedule.Step step) {
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            adams.get(i).update(p, p.getGradient(), step);
            JniUtils.zeroGrad((PtNDArray) p);
            if (!averages.isEmpty()) {
                averages.get(i).update(p);
            }
        }
    }

    /** The learned pooling (from the averaged parameters when averaging is on), for validation and export. */
    PoolingConfig pooling() {
        float[] v = value(0);
        float[] b = value(1);
        float[] g = value(2);
        List<Double> vec = new ArrayList<>(dims);
        for (float x : v) {
            vec.add((double) x);
        }
        Map<EventType, Double> bias = new EnumMap<>(EventType.class);
        for (EventType t : EventType.values()) {
            bias.put(t, (double) b[t.ordinal()]);
        }
        PoolingConfig.Attention a = initial.attention();
        return initial.withAttention(new PoolingConfig.Attention(vec, bias, g[0], a.recencyUnit()));
    }

    private float[] value(int i) {
        NDArray p = params.get(i);
        if (averages.isEmpty()) {
            return p.toFloatArray();
        }
        try (NDArray avg = averages.get(i).value(p)) {
            return avg.toFloatArray();
        }
    }

    @Override
    public void close() {
        adams.forEach(TorchAdam::close);
        averages.forEach(TorchAverage::close);
        params.forEach(NDArray::close);
        tiny.close();
    }
}
