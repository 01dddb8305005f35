package dev.assocrec.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * {@link Adam} as in-place torch ops on the parameter's device: the same moments, bias correction
 * (folded into the step size and eps) and float arithmetic, so both engines take the same steps.
 * Runs outside autograd; the step's temporaries belong to the caller's NDScope.
 */
final class TorchAdam implements AutoCloseable {
    private final NDArray first;
    private final NDArray second;
    private double learningRate;
    private int step;

    TorchAdam(NDManager manager, NDArray params, double learningRate) {
        this.first = manager.zeros(params.getShape());
        this.second = manager.zeros(params.getShape());
        this.learningRate = learningRate;
    }

    void scaleLearningRate(double factor) {
        learningRate *= factor;
    }

    void update(NDArray params, NDArray grad) {
        step++;
        double c1 = 1 - Math.pow(Adam.BETA1, step);
        double c2 = 1 - Math.pow(Adam.BETA2, step);
        float stepSize = (float) (learningRate * Math.sqrt(c2) / c1);
        float eps = (float) (Adam.EPS * Math.sqrt(c2));
        float b1 = (float) Adam.BETA1;
        float b2 = (float) Adam.BETA2;
        first.muli(b1).addi(grad.mul(1 - b1));
        second.muli(b2).addi(grad.mul(1 - b2).muli(grad));
        params.subi(first.mul(stepSize).divi(second.sqrt().addi(eps)));
    }

    @Override
    public void close() {
        first.close();
        second.close();
    }
}
