package dev.assocrec.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * {@link Adam} as in-place torch ops on the parameter's device: the same moments, step size and float
 * arithmetic, so both engines take the same steps. Runs outside autograd; the step's temporaries
 * belong to the caller's NDScope.
 */
final class TorchAdam implements AutoCloseable {
    private final NDArray first;
    private final NDArray second;

    TorchAdam(NDManager manager, NDArray params) {
        this.first = manager.zeros(params.getShape());
        this.second = manager.zeros(params.getShape());
    }

    void update(NDArray params, NDArray grad, AdamSchedule.Step step) {
        float b1 = (float) AdamSchedule.BETA1;
        float b2 = (float) AdamSchedule.BETA2;
        first.muli(b1).addi(grad.mul(1 - b1));
        second.muli(b2).addi(grad.mul(1 - b2).muli(grad));
        params.subi(first.mul(step.size()).divi(second.sqrt().addi(step.eps())));
    }

    @Override
    public void close() {
        first.close();
        second.close();
    }
}
