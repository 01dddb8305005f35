package dev.assocrec.functions.scoring;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.assocrec.contract.OnnxSignature;
import dev.assocrec.contract.PoolingInputs;
import dev.assocrec.contract.ReferenceScorer.Ranked;

/**
 * Maps one scoring request onto the exported graph's inputs and its outputs back onto an answer
 * ({@link OnnxSignature}). A current graph gets the raw history (indices, weights before attention, event type
 * ids, ages, attend) and computes the pooling weights itself; a graph exported before that gets the indices and
 * {@link PoolingInputs#weights()}, HistoryPooling's weights, as it was made for. k is a one-element int64. Out come
 * the top-k indices, their scores, the certificate (graphs with the int8 coarse pass) and the graph's pooling
 * weights (current graphs). Stateless, so one instance per graph form serves every predictor. Its tensors live in
 * the per-call manager that the predictor closes when the call returns.
 */
final class ScoringTranslator implements NoBatchifyTranslator<ScoringTranslator.Query, OrtScorer.Answer> {
    /** Feeds graphs that compute attention themselves. */
    static final ScoringTranslator RAW_HISTORY = new ScoringTranslator(true);
    /** Feeds graphs exported before attention moved into the graph: they pool the weights they are given. */
    static final ScoringTranslator GIVEN_WEIGHTS = new ScoringTranslator(false);

    private final boolean rawHistory;

    private ScoringTranslator(boolean rawHistory) {
        this.rawHistory = rawHistory;
    }

    /** The history as the scorers read it, and how many items to return. */
    record Query(PoolingInputs history, int k) {}

    @Override
    public NDList processInput(TranslatorContext ctx, Query query) {
        NDManager manager = ctx.getNDManager();
        PoolingInputs in = query.history();
        NDList inputs = new NDList(named(manager.create(toLongs(in.items())), OnnxSignature.INPUT_HISTORY));
        if (rawHistory) {
            inputs.add(named(manager.create(in.baseWeights()), OnnxSignature.INPUT_WEIGHTS));
            inputs.add(named(manager.create(in.eventTypes()), OnnxSignature.INPUT_EVENT_TYPES));
            inputs.add(named(manager.create(in.ages()), OnnxSignature.INPUT_AGES));
            inputs.add(named(manager.create(new boolean[] {in.attend()}), OnnxSignature.INPUT_ATTEND));
        } else {
            inputs.add(named(manager.create(in.weights()), OnnxSignature.INPUT_WEIGHTS));
        }
        inputs.add(named(manager.create(new long[] {query.k()}), OnnxSignature.INPUT_K));
        return inputs;
    }

    @Override
    public OrtScorer.Answer processOutput(TranslatorContext ctx, NDList out) {
        long[] items = output(out, OnnxSignature.OUTPUT_ITEMS, 0).toLongArray();
        float[] scores = output(out, OnnxSignature.OUTPUT_SCORES, 1).toFloatArray();
        // Graphs exported before the coarse pass have no certificate: they score every item, so they are exact.
        boolean exact = out.size() < 3 || output(out, OnnxSignature.OUTPUT_EXACT, 2).toBooleanArray()[0];
        float[] alpha = rawHistory ? output(out, OnnxSignature.OUTPUT_ALPHA, 3).toFloatArray() : null;
        int[] indices = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            indices[i] = Math.toIntExact(items[i]);
        }
        return new OrtScorer.Answer(new Ranked(indices, scores), exact, alpha);
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
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
