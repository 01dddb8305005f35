package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loss's scalar operands must outlive the backward pass. DJL's {@code div(Number)} builds its scalar over a
 * Java direct buffer and closes it right after the op, while autograd keeps the tensor for backward; once the
 * collector frees the buffer and the memory is reused, backward reads garbage (the same-seed runs that differed
 * under memory pressure). Instead of waiting for a collection, this test does what the reuse would do, at once:
 * it closes the scalar as DJL does and overwrites whatever Java memory backs it.
 */
class ServedLossScalarTest {
    @BeforeAll
    static void offline() {
        System.setProperty("ai.djl.offline", "true");
    }

    @Test
    void noJavaMemoryBacksTheScalar() throws ReflectiveOperationException {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
            assertNull(javaMemoryBehind(ServedLoss.scalar(manager, 4f)),
                    "the scalar lives in memory the collector can free");
        }
    }

    @Test
    void gradientThroughAScalarSurvivesTheScalarBeingClosedAndItsMemoryReused() throws ReflectiveOperationException {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
             NDScope scope = new NDScope()) {
            NDArray x = manager.create(new float[] {1, 2, 3}).duplicate();
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray scalar = ServedLoss.scalar(manager, 4f);
                NDArray y = x.div(scalar).sum();
                ByteBuffer javaMemory = javaMemoryBehind(scalar);
                scalar.close();
                if (javaMemory != null) {
                    javaMemory.putFloat(0, 1e30f);
                }
                gc.backward(y);
                assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f}, x.getGradient().toFloatArray(),
                        "d(sum(x / 4))/dx after the scalar was closed and its memory reused");
            }
        }
    }

    /** The Java buffer a DJL PyTorch array was created over (DJL holds it while the array is open), or null. */
    private static ByteBuffer javaMemoryBehind(NDArray array) throws ReflectiveOperationException {
        Field dataRef = array.getClass().getDeclaredField("dataRef");
        dataRef.setAccessible(true);
        return (ByteBuffer) dataRef.get(array);
    }
}
