package dev.assocrec.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.assocrec.training.graph.CsrMatrix;

/**
 * Tensors that own their memory. NDManager.create wraps a Java buffer, and createCoo keeps pointing at
 * buffers that are freed while the sparse tensor still uses them (a SIGSEGV after the next GC), so data
 * that outlives its Java array is first copied into torch-owned tensors on the manager's device.
 */
final class TorchTensors {
    private TorchTensors() {}

    static NDArray coo(NDManager manager, long[] rows, long[] cols, float[] values, long height, long width) {
        if (rows.length != cols.length || rows.length != values.length) {
            throw new IllegalArgumentException("COO arrays differ in length: " + rows.length + ", " + cols.length + ", " + values.length);
        }
        try (NDArray idxJava = manager.create(new long[][] {rows, cols});
             NDArray valJava = manager.create(values);
             NDArray idx = idxJava.duplicate();
             NDArray val = valJava.duplicate()) {
            return JniUtils.createSparseCoo((PtNDArray) idx, (PtNDArray) val, new Shape(height, width));
        }
    }

    static NDArray of(NDManager manager, CsrMatrix m) {
        return coo(manager, m.cooRows(), m.cooCols(), m.valuesCopy(), m.rows(), m.cols());
    }

    /** A dense tensor in torch-owned memory (for arrays that live longer than one step). */
    static NDArray dense(NDManager manager, float[] data, Shape shape) {
        try (NDArray java = manager.create(data, shape)) {
            return java.duplicate();
        }
    }
}
