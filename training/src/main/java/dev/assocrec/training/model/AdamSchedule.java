package dev.assocrec.training.model;

/**
 * Adam's step sizes, shared by a network's parameter groups and by both engines: the learning rate
 * (with its per-epoch decay) and step t's bias corrections, folded into the step size and eps so that
 * the update is one multiply-divide per coordinate.
 */
final class AdamSchedule {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    private double learningRate;
    private int step;

    AdamSchedule(double learningRate) {
        this.learningRate = learningRate;
    }

    /** Multiplies the step size (a learning-rate schedule). */
    void scaleLearningRate(double factor) {
        learningRate *= factor;
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
