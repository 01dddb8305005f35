package dev.assocrec.training.model;

/**
 * Adam's step sizes, shared by a network's parameter groups and by both engines: the learning rate
 * (its per-epoch decay and cosine schedule) and step t's bias corrections, folded into the step size and
 * eps so that the update is one multiply-divide per coordinate.
 */
final class AdamSchedule {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    private final double baseRate;
    private final double decay;
    private final int cosineEpochs;
    private int epoch = 1;
    private double learningRate;
    private int step;

    AdamSchedule(GcnConfig config) {
        this(config.learningRate(), config.learningRateDecay(), config.cosineEpochs());
    }

    AdamSchedule(double learningRate, double decay, int cosineEpochs) {
        this.baseRate = learningRate;
        this.decay = decay;
        this.cosineEpochs = cosineEpochs;
        this.learningRate = rate(1);
    }

    /**
     * Epoch e's step size: the base rate × decay^(e-1) × (with a cosine schedule over H epochs) ½(1 + cos(π·(e-½)/H)),
     * the half cosine taken at the epoch's middle so that the last epoch still moves; epochs past H keep epoch H's.
     */
    double rate(int e) {
        double r = baseRate * Math.pow(decay, e - 1);
        if (cosineEpochs > 0) {
            r *= 0.5 * (1 + Math.cos(Math.PI * (Math.min(e, cosineEpochs) - 0.5) / cosineEpochs));
        }
        return r;
    }

    /** Moves the step size on to the next epoch's. */
    void endEpoch() {
        epoch++;
        learningRate = rate(epoch);
    }

    /** Advances to the next step: lr·sqrt(1-β2^t)/(1-β1^t) and eps·sqrt(1-β2^t). */
    Step next() {
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        return new Step((float) (learningRate * Math.sqrt(c2) / c1), (float) (EPS * Math.sqrt(c2)));
    }

    record Step(float size, float eps) {}
}
