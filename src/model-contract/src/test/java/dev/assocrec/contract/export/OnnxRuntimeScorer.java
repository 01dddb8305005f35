package dev.assocrec.contract.export;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.assocrec.contract.OnnxSignature;
import dev.assocrec.contract.ReferenceScorer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** The exported graph run by real ONNX Runtime through DJL, loaded from a version folder as serving does. */
final class OnnxRuntimeScorer implements AutoCloseable {
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;

    OnnxRuntimeScorer(Path versionDir) throws IOException, ModelNotFoundException, MalformedModelException {
        model = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optEngine("OnnxRuntime")
                .optModelPath(versionDir)
                .optModelName("model")
                .optTranslator(new NoopTranslator())
                .build()
                .loadModel();
        predictor = model.newPredictor();
    }

    /** The graph's top k and its certificate (true when the graph has no certificate output). */
    record Answer(ReferenceScorer.Ranked ranked, boolean exact) {}

    ReferenceScorer.Ranked topK(int[] history, float[] weights, long k) throws TranslateException {
        return answer(history, weights, k).ranked();
    }

    Answer answer(int[] history, float[] weights, long k) throws TranslateException {
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray h = m.create(Arrays.stream(history).asLongStream().toArray(), new ai.djl.ndarray.types.Shape(history.length));
            h.setName(OnnxSignature.INPUT_HISTORY);
            NDArray w = m.create(weights, new ai.djl.ndarray.types.Shape(weights.length));
            w.setName(OnnxSignature.INPUT_WEIGHTS);
            NDArray kk = m.create(new long[] {k});
            kk.setName(OnnxSignature.INPUT_K);
            NDList out = predictor.predict(new NDList(h, w, kk));
            long[] items = out.get(OnnxSignature.OUTPUT_ITEMS).toLongArray();
            float[] scores = out.get(OnnxSignature.OUTPUT_SCORES).toFloatArray();
            NDArray certificate = out.get(OnnxSignature.OUTPUT_EXACT);
            boolean exact = certificate == null || certificate.toBooleanArray()[0];
            out.close();
            return new Answer(new ReferenceScorer.Ranked(Arrays.stream(items).mapToInt(Math::toIntExact).toArray(), scores),
                    exact);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
