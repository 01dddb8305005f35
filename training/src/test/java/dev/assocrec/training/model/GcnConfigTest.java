package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class GcnConfigTest {
    @Test
    void theGeneratedBuilderCopiesEveryComponent() {
        GcnConfig changed = GcnConfig.defaults().toBuilder().dims(8).negatives(5).userDropout(0.25)
                .engine(GcnConfig.Engine.TORCH).objective(GcnConfig.Objective.SUBSET).build();
        assertEquals(changed, changed.toBuilder().build());
        assertEquals(8, changed.dims());
        assertEquals(GcnConfig.defaults().layers(), changed.layers());
    }

    @Test
    void aFixedPriorIsNotChosenOnValidation() {
        GcnConfig fixed = GcnConfig.defaults().withFixedPopularityExponent(0.3);
        assertEquals(0.3, fixed.popularityExponent());
        assertFalse(fixed.choosePopularityExponent());
        assertTrue(GcnConfig.defaults().choosePopularityExponent());
    }

    @Test
    void theDeviceNameIsCheckedOnceWhereverItComesFrom() {
        assertEquals("cpu", GcnConfig.defaults().toBuilder().device(" CPU").build().device());
        IllegalArgumentException config = assertThrows(IllegalArgumentException.class,
                () -> GcnConfig.defaults().toBuilder().device("cuda").build());
        assertEquals("device 'cuda': use cpu, gpu or auto", config.getMessage());
        IllegalArgumentException trainer = assertThrows(IllegalArgumentException.class, () -> GcnTrainer.device("cuda"));
        assertEquals("use cpu, gpu or auto", trainer.getMessage());
        assertEquals(Device.cpu(), GcnTrainer.device("cpu"));
    }
}
