package dev.assocrec.training.model;

import java.util.Random;

/**
 * Draws the shared negatives of a sampled softmax and the log-probability correction that keeps it
 * close to the full softmax (logits minus log(S·q), Bengio & Senécal). Uniform sampling makes the
 * correction a constant; popularity sampling (q ∝ count^0.75) puts the hard, popular negatives
 * into every batch, which a uniform sample of a long-tailed catalogue mostly misses.
 */
final class NegativeSampler {
    private static final double SMOOTHING = 0.75;
    private final double[] cumulative;
    private final float[] logExpected;

    NegativeSampler(int[] itemCounts, boolean byPopularity, int samples) {
        int n = itemCounts.length;
        cumulative = new double[n];
        logExpected = new float[n];
        double[] q = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            q[i] = byPopularity ? Math.pow(itemCounts[i] + 1.0, SMOOTHING) : 1.0;
            total += q[i];
        }
        double run = 0;
        for (int i = 0; i < n; i++) {
            q[i] /= total;
            run += q[i];
            cumulative[i] = run;
            logExpected[i] = (float) Math.log(samples * q[i]);
        }
        cumulative[n - 1] = 1.0;
    }

    long[] sample(int count, Random random) {
        long[] out = new long[count];
        for (int k = 0; k < count; k++) {
            int i = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
            out[k] = i >= 0 ? i : Math.min(cumulative.length - 1, -i - 1);
        }
        return out;
    }

    /** log(S·q) of the item: subtracted from its logit. */
    float correction(long item) {
        return logExpected[(int) item];
    }
}
