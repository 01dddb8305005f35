package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loss's scalar operands must outlive the backward pass. With DJL's {@code div(Number)} this test
 * reads garbage gradients: the scalar's Java buffer is freed by the collection below and its memory is
 * reused before backward runs (the cause of the same-seed runs that differed under memory pressure).
 */
class ServedLossScalarTest {
    @BeforeAll
    static void offline() {
        System.setProperty("ai.djl.offline", "true");
    }

    @Test
    void gradientThroughAScalarSurvivesAGarbageCollectionBeforeBackward() throws InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
                 NDScope scope = new NDScope()) {
                NDArray x = manager.create(new float[] {1, 2, 3}).duplicate();
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray y = x.div(ServedLoss.scalar(manager, 4f)).sum();
                    System.gc();
                    Thread.sleep(20);
                    reuseSmallNativeBlocks();
                    gc.backward(y);
                    assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f}, x.getGradient().toFloatArray(),
                            "d(sum(x / 4))/dx after a collection, attempt " + attempt);
                }
            }
        }
    }

    /** Takes small blocks from the native heap and fills them, as any later allocation would. */
    private static void reuseSmallNativeBlocks() {
        ByteBuffer[] blocks = new ByteBuffer[64];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = ByteBuffer.allocateDirect(4);
            blocks[i].putFloat(0, 1e30f);
        }
    }
}
