package dev.assocrec.training.model;

/** Adam over one flat parameter array held in Java (the Java engine; {@link TorchAdam} on a device). */
final class Adam {
    private final float[] first;
    private final float[] second;

    Adam(int size) {
        this.first = new float[size];
        this.second = new float[size];
    }

    void update(float[] params, float[] grad, AdamSchedule.Step step) {
        float b1 = (float) AdamSchedule.BETA1;
        float b2 = (float) AdamSchedule.BETA2;
        float stepSize = step.size();
        float eps = step.eps();
        for (int i = 0; i < params.length; i++) {
            float g = grad[i];
            float m = first[i] = b1 * first[i] + (1 - b1) * g;
            float v = second[i] = b2 * second[i] + (1 - b2) * g * g;
            params[i] -= stepSize * m / ((float) Math.sqrt(v) + eps);
        }
    }
}
