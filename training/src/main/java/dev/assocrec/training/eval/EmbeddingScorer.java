package dev.assocrec.training.eval;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.HistoryPooling;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.UserHistory;
import java.util.List;

/**
 * The served scoring function: pooled context rows of the history (weights from the shared
 * {@link HistoryPooling}, normalised to sum 1) times every target row. The pooling runs in Java,
 * the batch × items product in PyTorch.
 */
public final class EmbeddingScorer implements Scorer, AutoCloseable {
    private final String name;
    private final EmbeddingTable context;
    private final PoolingConfig pooling;
    private final NDManager manager;
    private final NDArray targetTransposed;

    public EmbeddingScorer(String name, EmbeddingTable context, EmbeddingTable target, PoolingConfig pooling, Device device) {
        if (context.rows() != target.rows() || context.dims() != target.dims()) {
            throw new IllegalArgumentException("context " + context.rows() + "x" + context.dims()
                    + " and target " + target.rows() + "x" + target.dims() + " tables differ in shape");
        }
        this.name = name;
        this.context = context;
        this.pooling = pooling;
        this.manager = Engine.getEngine("PyTorch").newBaseManager(device);
        NDArray t = manager.create(target.data(), new Shape(target.rows(), target.dims()));
        this.targetTransposed = t.transpose().duplicate();
        t.close();
    }

    @Override
    public String name() { return name; }

    @Override
    public void score(List<UserHistory> histories, float[] scores) {
        int d = context.dims();
        float[] pooled = new float[histories.size() * d];
        for (int b = 0; b < histories.size(); b++) {
            pool(histories.get(b), pooled, b * d);
        }
        try (NDScope scope = new NDScope()) {
            NDArray p = manager.create(pooled, new Shape(histories.size(), d));
            float[] out = p.matMul(targetTransposed).toFloatArray();
            System.arraycopy(out, 0, scores, 0, out.length);
        }
    }

    private void pool(UserHistory h, float[] out, int offset) {
        float[] w = HistoryPooling.weights(h.entries(), pooling);
        double total = 0;
        for (float x : w) {
            total += x;
        }
        if (total <= 0) {
            return;
        }
        int d = context.dims();
        float[] c = context.data();
        for (int i = 0; i < w.length; i++) {
            float wi = (float) (w[i] / total);
            int base = h.items()[i] * d;
            for (int j = 0; j < d; j++) {
                out[offset + j] += wi * c[base + j];
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
