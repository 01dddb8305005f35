package dev.assocrec.functions.scoring;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.OnnxSignature;
import dev.assocrec.contract.PoolingInputs;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * The exported scoring graph in DJL's ONNX Runtime engine, called through {@link ScoringTranslator}.
 * DJL predictors are not thread-safe, so each call borrows one from this model's pool and returns it:
 * the pool grows to the highest number of concurrent calls (one on Lambda) and its predictors live as
 * long as the model; {@link #close()} closes them with the session.
 *
 * <p>A graph with the int8 coarse pass answers with a certificate ({@link OnnxSignature#OUTPUT_EXACT}):
 * false means its top k may differ from a full scan and the caller must scan. A graph without that
 * output (exported before the coarse pass) scores every item, so its answers are exact. A current graph computes
 * the attention weights itself from the raw history and returns them; an earlier one pools the weights it is given.
 */
public final class OrtScorer implements AutoCloseable {
    private static final String ENGINE = "OnnxRuntime";

    private final Model model;
    private final ScoringTranslator translator;
    private final ArrayDeque<Predictor<ScoringTranslator.Query, Answer>> idle = new ArrayDeque<>(); // guarded by this
    private boolean closed; // guarded by this

    public OrtScorer(Path versionDir, int intraOpThreads) throws IOException {
        Model m = Model.newInstance("assocrec-" + versionDir.getFileName(), Device.cpu(), ENGINE);
        try {
            // Loaded by path so that ONNX Runtime resolves the external-data tables beside model.onnx.
            m.load(versionDir, ArtifactLayout.MODEL_ONNX, Map.of(
                    "interOpNumThreads", "1",
                    "intraOpNumThreads", String.valueOf(intraOpThreads)));
        } catch (MalformedModelException | RuntimeException e) {
            m.close();
            throw new IOException(versionDir.resolve(ArtifactLayout.MODEL_ONNX) + ": ONNX Runtime cannot load it: "
                    + e.getMessage(), e);
        }
        this.model = m;
        // Graphs exported before attention moved into the graph take history, weights and k only.
        this.translator = m.describeInput().keys().contains(OnnxSignature.INPUT_EVENT_TYPES)
                ? ScoringTranslator.RAW_HISTORY : ScoringTranslator.GIVEN_WEIGHTS;
    }

    /**
     * The graph's top k, whether it is certified to equal a full scan, and the pooling weights it scored with
     * (its alpha, summing to 1), or null when the answer was pooled with the caller's weights.
     */
    public record Answer(Ranked ranked, boolean exact, float[] weights) {
        public Answer(Ranked ranked, boolean exact) {
            this(ranked, exact, null);
        }
    }

    /** Top {@code k} items for a history whose weights are final (no attention), history items excluded. */
    public Answer topK(int[] history, float[] weights, int k) {
        return topK(PoolingInputs.fixed(history, weights), k);
    }

    /** Top {@code k} items for the history, history items excluded (by the graph); the graph computes attention. */
    public Answer topK(PoolingInputs history, int k) {
        Predictor<ScoringTranslator.Query, Answer> predictor = borrow();
        try {
            return predictor.predict(new ScoringTranslator.Query(history, k));
        } catch (TranslateException e) {
            throw new IllegalStateException("ONNX Runtime failed to score: " + e.getMessage(), e);
        } finally {
            giveBack(predictor);
        }
    }

    private synchronized Predictor<ScoringTranslator.Query, Answer> borrow() {
        if (closed) {
            throw new IllegalStateException("the ONNX session of " + model.getName() + " is closed");
        }
        Predictor<ScoringTranslator.Query, Answer> p = idle.pollFirst();
        return p != null ? p : model.newPredictor(translator);
    }

    private synchronized void giveBack(Predictor<ScoringTranslator.Query, Answer> predictor) {
        if (closed) {
            predictor.close();
        } else {
            idle.addFirst(predictor); // the most recently used first: its buffers are the warmest
        }
    }

    /** Predictors created so far and not closed (idle ones; borrowed ones come back here). */
    synchronized int pooledPredictors() {
        return idle.size();
    }

    /** Closes the pooled predictors and the session; a predictor still borrowed is closed when it comes back. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Predictor<ScoringTranslator.Query, Answer> p : idle) {
                p.close();
            }
            idle.clear();
        }
        model.close();
    }
}
