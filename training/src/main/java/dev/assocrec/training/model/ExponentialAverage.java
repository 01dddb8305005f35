package dev.assocrec.training.model;

/**
 * An exponential moving average of a flat parameter array, bias-corrected like Adam's moments so that
 * early averages are not pulled towards zero: after t updates it is
 * Σ_s (1-β) β^(t-s) p_s / (1 - β^t).
 */
final class ExponentialAverage {
    private final double decay;
    private final float[] sum;
    private int updates;

    ExponentialAverage(int size, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in (0, 1): " + decay);
        }
        this.decay = decay;
        this.sum = new float[size];
    }

    void update(float[] params) {
        if (params.length != sum.length) {
            throw new IllegalArgumentException("parameters " + params.length + ", average " + sum.length);
        }
        updates++;
        float keep = (float) decay;
        float take = (float) (1 - decay);
        for (int i = 0; i < sum.length; i++) {
            sum[i] = keep * sum[i] + take * params[i];
        }
    }

    /** The bias-corrected average (a copy); the parameters themselves before the first update. */
    float[] value(float[] params) {
        if (updates == 0) {
            return params.clone();
        }
        float scale = (float) (1 / (1 - Math.pow(decay, updates)));
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sum[i] * scale;
        }
        return out;
    }
}
