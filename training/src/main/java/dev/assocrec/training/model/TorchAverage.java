package dev.assocrec.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** {@link ExponentialAverage} as in-place torch ops on the parameter's device. */
final class TorchAverage implements AutoCloseable {
    private final double decay;
    private final NDArray sum;
    private int updates;

    TorchAverage(NDManager manager, NDArray params, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in (0, 1): " + decay);
        }
        this.decay = decay;
        this.sum = manager.zeros(params.getShape());
    }

    void update(NDArray params) {
        updates++;
        sum.muli((float) decay).addi(params.mul((float) (1 - decay)));
    }

    /** The bias-corrected average (a new array); the parameters themselves before the first update. */
    NDArray value(NDArray params) {
        return updates == 0 ? params.duplicate() : sum.mul((float) (1 / (1 - Math.pow(decay, updates))));
    }

    @Override
    public void close() {
        sum.close();
    }
}
