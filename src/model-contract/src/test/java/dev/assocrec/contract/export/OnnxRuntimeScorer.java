package dev.assocrec.contract.export;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.assocrec.contract.OnnxSignature;
import dev.assocrec.contract.PoolingInputs;
import dev.assocrec.contract.ReferenceScorer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** The exported graph run by real ONNX Runtime through DJL, loaded from a version folder as serving does. */
final class OnnxRuntimeScorer implements AutoCloseable {
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    /** False for graphs exported before attention moved into the graph: history, weights, k only. */
    private final boolean rawHistory;

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
        rawHistory = model.describeInput().keys().contains(OnnxSignature.INPUT_EVENT_TYPES);
    }

    /**
     * The graph's top k, its certificate (true when the graph has no certificate output), its pooling weights
     * (null when the graph has no alpha output) and its pooled vector (null unless a test made it an output).
     */
    record Answer(ReferenceScorer.Ranked ranked, boolean exact, float[] alpha, float[] pooled) {}

    ReferenceScorer.Ranked topK(int[] history, float[] weights, long k) throws TranslateException {
        return answer(history, weights, k).ranked();
    }

    Answer answer(int[] history, float[] weights, long k) throws TranslateException {
        return answer(PoolingInputs.fixed(history, weights), k);
    }

    Answer answer(PoolingInputs in, long k) throws TranslateException {
        try (NDManager m = model.getNDManager().newSubManager()) {
            int n = in.items().length;
            NDList inputs = new NDList();
            inputs.add(named(m.create(Arrays.stream(in.items()).asLongStream().toArray(), new Shape(n)),
                    OnnxSignature.INPUT_HISTORY));
            if (rawHistory) {
                inputs.add(named(m.create(in.baseWeights(), new Shape(n)), OnnxSignature.INPUT_WEIGHTS));
                inputs.add(named(m.create(in.eventTypes(), new Shape(n)), OnnxSignature.INPUT_EVENT_TYPES));
                inputs.add(named(m.create(in.ages(), new Shape(n)), OnnxSignature.INPUT_AGES));
                inputs.add(named(m.create(new boolean[] {in.attend()}), OnnxSignature.INPUT_ATTEND));
            } else {
                inputs.add(named(m.create(in.weights(), new Shape(n)), OnnxSignature.INPUT_WEIGHTS));
            }
            inputs.add(named(m.create(new long[] {k}), OnnxSignature.INPUT_K));
            NDList out = predictor.predict(inputs);
            long[] items = out.get(OnnxSignature.OUTPUT_ITEMS).toLongArray();
            float[] scores = out.get(OnnxSignature.OUTPUT_SCORES).toFloatArray();
            NDArray certificate = out.get(OnnxSignature.OUTPUT_EXACT);
            boolean exact = certificate == null || certificate.toBooleanArray()[0];
            NDArray alpha = out.get(OnnxSignature.OUTPUT_ALPHA);
            float[] weights = alpha == null ? null : alpha.toFloatArray();
            NDArray pooled = out.get("pooled");
            float[] pooledVector = pooled == null ? null : pooled.toFloatArray();
            out.close();
            return new Answer(new ReferenceScorer.Ranked(Arrays.stream(items).mapToInt(Math::toIntExact).toArray(), scores),
                    exact, weights, pooledVector);
        }
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
