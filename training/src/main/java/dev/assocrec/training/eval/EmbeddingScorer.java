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
 * The served scoring function: the history pooled by the contract's {@link HistoryPooling} (as serving
 * pools it) times every target row. The pooling runs in Java, the batch × items product in PyTorch;
 * EmbeddingScorerTest proves the scores equal the served {@code ReferenceScorer}'s within float rounding.
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
            UserHistory h = histories.get(b);
            HistoryPooling.pool(context, h.items(), HistoryPooling.weights(h.entries(), pooling, context), pooled, b * d);
        }
        try (NDScope scope = new NDScope()) {
            NDArray p = manager.create(pooled, new Shape(histories.size(), d));
            float[] out = p.matMul(targetTransposed).toFloatArray();
            System.arraycopy(out, 0, scores, 0, out.length);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
