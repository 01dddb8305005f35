package dev.assocrec.functions.scoring;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.assocrec.contract.OnnxSignature;
import dev.assocrec.contract.ReferenceScorer.Ranked;

/**
 * Maps one scoring request onto the exported graph's inputs and its outputs back onto an answer
 * ({@link OnnxSignature}): history indices as int64, weights as float, k as a one-element int64; out
 * come the top-k indices, their scores and, for graphs with the int8 coarse pass, the certificate.
 * Stateless, so one instance serves every predictor of a model. Its tensors live in the per-call
 * manager that the predictor closes when the call returns.
 */
final class ScoringTranslator implements NoBatchifyTranslator<ScoringTranslator.Query, OrtScorer.Answer> {

    /** The weighted history (indices into the item table) and how many items to return. */
    record Query(int[] history, float[] weights, int k) {}

    @Override
    public NDList processInput(TranslatorContext ctx, Query query) {
        NDManager manager = ctx.getNDManager();
        NDArray history = manager.create(toLongs(query.history()));
        history.setName(OnnxSignature.INPUT_HISTORY);
        NDArray weights = manager.create(query.weights());
        weights.setName(OnnxSignature.INPUT_WEIGHTS);
        NDArray k = manager.create(new long[] {query.k()});
        k.setName(OnnxSignature.INPUT_K);
        return new NDList(history, weights, k);
    }

    @Override
    public OrtScorer.Answer processOutput(TranslatorContext ctx, NDList out) {
        long[] items = output(out, OnnxSignature.OUTPUT_ITEMS, 0).toLongArray();
        float[] scores = output(out, OnnxSignature.OUTPUT_SCORES, 1).toFloatArray();
        // Graphs exported before the coarse pass have no certificate: they score every item, so they are exact.
        boolean exact = out.size() < 3 || output(out, OnnxSignature.OUTPUT_EXACT, 2).toBooleanArray()[0];
        int[] indices = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            indices[i] = Math.toIntExact(items[i]);
        }
        return new OrtScorer.Answer(new Ranked(indices, scores), exact);
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
}
