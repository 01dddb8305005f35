package dev.assocrec.training.model;

import dev.assocrec.contract.HistoryEntry;
import dev.assocrec.contract.HistoryPooling;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.UserHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Turns train histories into batches of served-task examples: a pooled input (weights from the
 * shared {@link HistoryPooling}, exactly as serving pools) and the items it should rank first. The
 * pooling is a sparse matrix of {@link HistoryPooling#normalised} weights that the loss multiplies with
 * the context table: equal to {@link HistoryPooling#pool} within float rounding (ExampleSamplerTest).
 */
final class ExampleSampler {
    private final List<UserHistory> histories;
    private final PoolingConfig pooling;
    private final GcnConfig config;

    ExampleSampler(List<UserHistory> histories, PoolingConfig pooling, GcnConfig config) {
        this.histories = histories;
        this.pooling = pooling;
        this.config = config;
    }

    /** One epoch of batches in a seeded random order. */
    List<TrainingBatch> epoch(Random random) {
        List<Example> examples = config.objective() == GcnConfig.Objective.NEXT_ITEM
                ? nextItemExamples() : subsetExamples(random);
        java.util.Collections.shuffle(examples, random);
        double meanTargets = examples.stream().mapToInt(e -> e.targets.length).average().orElse(1);
        List<TrainingBatch> batches = new ArrayList<>();
        for (int from = 0; from < examples.size(); from += config.batchSize()) {
            batches.add(toBatch(examples.subList(from, Math.min(examples.size(), from + config.batchSize())),
                    meanTargets));
        }
        return batches;
    }

    /**
     * @param targetWeights per-target loss weights (null: uniform); normalised to sum 1 per example
     * @param entries       the pooled entries (attention reads their types and ages)
     */
    private record Example(int[] inputs, float[] weights, int[] targets, float[] targetWeights,
                           List<HistoryEntry> entries) {}

    private boolean attention() {
        return pooling.mode() == PoolingConfig.Mode.ATTENTION;
    }

    /** The fixed part of the pooling: the shared weights, or with attention the explicit weights (the loss learns the rest). */
    private float[] weights(List<HistoryEntry> entries) {
        if (!attention()) {
            return HistoryPooling.weights(entries, pooling);
        }
        float[] w = new float[entries.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) entries.get(i).extraWeight();
        }
        return w;
    }

    private List<Example> nextItemExamples() {
        List<Example> out = new ArrayList<>();
        for (UserHistory h : histories) {
            List<HistoryEntry> entries = h.entries();
            for (int t = 1; t < h.size(); t++) {
                int from = Math.max(0, t - config.maxHistory());
                List<HistoryEntry> prefix = entries.subList(from, t);
                out.add(new Example(Arrays.copyOfRange(h.items(), from, t),
                        weights(prefix), new int[] {h.items()[t]}, null, prefix));
            }
        }
        return out;
    }

    private List<Example> subsetExamples(Random random) {
        List<Example> out = new ArrayList<>();
        for (UserHistory h : histories) {
            int n = h.size();
            if (n < 2) {
                continue;
            }
            double share = config.subsetMin() + random.nextDouble() * (config.subsetMax() - config.subsetMin());
            int keep = (int) Math.max(1, Math.min(n - 1, Math.round(share * n)));
            int[] order = permutation(n, random);
            boolean[] input = new boolean[n];
            for (int k = 0; k < keep; k++) {
                input[order[k]] = true;
            }
            List<HistoryEntry> all = h.entries();
            List<HistoryEntry> kept = new ArrayList<>(keep);
            int[] in = new int[keep];
            int[] held = new int[n - keep];
            int a = 0;
            int b = 0;
            for (int i = 0; i < n; i++) {
                if (input[i]) {
                    kept.add(all.get(i));
                    in[a++] = h.items()[i];
                } else {
                    held[b++] = h.items()[i];
                }
            }
            int[] targets = config.targetsIncludeInputs() ? h.items() : held;
            float[] targetWeights = null;
            if (config.targetsIncludeInputs() && config.inputTargetWeight() != 1) {
                targetWeights = new float[n];
                for (int i = 0; i < n; i++) {
                    targetWeights[i] = input[i] ? (float) config.inputTargetWeight() : 1f;
                }
            }
            out.add(new Example(in, weights(kept), targets, targetWeights, kept));
        }
        return out;
    }

    private static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * @param meanTargets the epoch's mean targets per example: with a user weight exponent α an example weighs
     *                    (its targets / meanTargets)^α, so the mean weight stays near 1 and the step size means the same
     */
    private TrainingBatch toBatch(List<Example> examples, double meanTargets) {
        boolean attention = attention();
        int poolNnz = 0;
        int width = 1;
        for (Example e : examples) {
            for (float w : e.weights) {
                // Attention's entries enter the loss as ln(weight): zero-weight entries are left out.
                poolNnz += attention && !(w > 0) ? 0 : 1;
            }
            width = Math.max(width, e.targets.length);
        }
        long[] pr = new long[poolNnz];
        long[] pc = new long[poolNnz];
        float[] pw = new float[poolNnz];
        float[] types = attention ? new float[poolNnz * AttentionPooling.TYPES] : null;
        float[] ages = attention ? new float[poolNnz] : null;
        long[] targets = new long[examples.size() * width];
        float[] tw = new float[examples.size() * width];
        List<long[]> mask = new ArrayList<>();
        int k = 0;
        for (int r = 0; r < examples.size(); r++) {
            Example e = examples.get(r);
            // One entry per occurrence, as HistoryPooling.pool counts a repeated item; torch sums them.
            if (attention) {
                double[] age = HistoryPooling.ages(e.entries, pooling);
                for (int i = 0; i < e.inputs.length; i++) {
                    if (e.weights[i] > 0) {
                        HistoryEntry entry = e.entries.get(i);
                        if (entry.eventType() != null) {
                            types[k * AttentionPooling.TYPES + entry.eventType().ordinal()] = 1f;
                        }
                        ages[k] = (float) age[i];
                        pr[k] = r;
                        pc[k] = e.inputs[i];
                        pw[k++] = e.weights[i];
                    }
                }
            } else {
                float[] normalised = HistoryPooling.normalised(e.weights);
                for (int i = 0; i < e.inputs.length; i++) {
                    pr[k] = r;
                    pc[k] = e.inputs[i];
                    pw[k++] = normalised[i];
                }
            }
            double targetTotal = 0;
            for (int t = 0; t < e.targets.length; t++) {
                targetTotal += e.targetWeights == null ? 1 : e.targetWeights[t];
            }
            if (config.userWeightExponent() != 0) {
                targetTotal /= Math.pow(e.targets.length / meanTargets, config.userWeightExponent());
            }
            for (int t = 0; t < e.targets.length; t++) {
                targets[r * width + t] = e.targets[t];
                tw[r * width + t] = (float) ((e.targetWeights == null ? 1 : e.targetWeights[t]) / targetTotal);
            }
            if (config.maskHistoryInLoss() && config.negatives() == 0) {
                Set<Integer> keep = new HashSet<>();
                for (int t : e.targets) {
                    keep.add(t);
                }
                Set<Integer> seen = new HashSet<>();
                for (int item : e.inputs) {
                    if (!keep.contains(item) && seen.add(item)) {
                        mask.add(new long[] {r, item});
                    }
                }
            }
        }
        long[] mr = new long[mask.size()];
        long[] mc = new long[mask.size()];
        for (int i = 0; i < mr.length; i++) {
            mr[i] = mask.get(i)[0];
            mc[i] = mask.get(i)[1];
        }
        return new TrainingBatch(examples.size(), pr, pc, pw, types, ages, targets, tw, width, mr, mc);
    }
}
