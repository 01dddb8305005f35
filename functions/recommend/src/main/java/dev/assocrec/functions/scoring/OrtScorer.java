package dev.assocrec.functions.scoring;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.OnnxSignature;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The exported scoring graph in DJL's ONNX Runtime engine. The session is thread-safe; each call
 * gets its own predictor and tensors, released when the call returns.
 *
 * <p>A graph with the int8 coarse pass answers with a certificate ({@link OnnxSignature#OUTPUT_EXACT}):
 * false means its top k may differ from a full scan and the caller must scan. A graph without that
 * output (exported before the coarse pass) scores every item, so its answers are exact.
 */
public final class OrtScorer implements AutoCloseable {
    private static final String ENGINE = "OnnxRuntime";

    static {
        // Nothing is downloaded at run time, and no second engine is wanted: with PyTorch on the class
        // path (tests, benchmarks) DJL would otherwise load libtorch as ONNX Runtime's "alternative".
        defaultProperty("ai.djl.offline", "true");
        defaultProperty("ai.djl.onnx.disable_alternative", "true");
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private final Model model;

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
    }

    /** The graph's top k and whether it is certified to equal a full scan. */
    public record Answer(Ranked ranked, boolean exact) {}

    /** Top {@code k} items for the weighted history, history items excluded (by the graph). */
    public Answer topK(int[] history, float[] weights, int k) {
        try (NDManager manager = model.getNDManager().newSubManager();
             Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
            NDArray h = manager.create(toLongs(history));
            h.setName(OnnxSignature.INPUT_HISTORY);
            NDArray w = manager.create(weights);
            w.setName(OnnxSignature.INPUT_WEIGHTS);
            NDArray kk = manager.create(new long[] {k});
            kk.setName(OnnxSignature.INPUT_K);
            NDList out = predictor.predict(new NDList(h, w, kk));
            long[] items = output(out, OnnxSignature.OUTPUT_ITEMS, 0).toLongArray();
            float[] scores = output(out, OnnxSignature.OUTPUT_SCORES, 1).toFloatArray();
            NDArray certificate = out.size() > 2 ? output(out, OnnxSignature.OUTPUT_EXACT, 2) : null;
            boolean exact = certificate == null || certificate.toBooleanArray()[0];
            out.close();
            int[] indices = new int[items.length];
            for (int i = 0; i < items.length; i++) {
                indices[i] = Math.toIntExact(items[i]);
            }
            return new Answer(new Ranked(indices, scores), exact);
        } catch (TranslateException e) {
            throw new IllegalStateException("ONNX Runtime failed to score: " + e.getMessage(), e);
        }
    }

    private static NDArray output(NDList out, String name, int position) {
        NDArray named = out.get(name);
        return named != null ? named : out.get(position);
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
