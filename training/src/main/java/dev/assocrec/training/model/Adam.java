package dev.assocrec.training.model;

/** Adam over one flat parameter array held in Java (the Java engine; {@link TorchAdam} on a device). */
final class Adam {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;
    private final float[] first;
    private final float[] second;
    private double learningRate;
    private int step;

    Adam(int size, double learningRate) {
        this.first = new float[size];
        this.second = new float[size];
        this.learningRate = learningRate;
    }

    /** Multiplies the step size (a learning-rate schedule). */
    void scaleLearningRate(double factor) {
        learningRate *= factor;
    }

    void update(float[] params, float[] grad) {
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        float stepSize = (float) (learningRate * Math.sqrt(c2) / c1);
        float eps = (float) (EPS * Math.sqrt(c2));
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        for (int i = 0; i < params.length; i++) {
            float g = grad[i];
            float m = first[i] = b1 * first[i] + (1 - b1) * g;
            float v = second[i] = b2 * second[i] + (1 - b2) * g * g;
            params[i] -= stepSize * m / ((float) Math.sqrt(v) + eps);
        }
    }
}
