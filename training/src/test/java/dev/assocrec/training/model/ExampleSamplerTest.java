package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.UserHistory;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExampleSamplerTest {
    private static final List<UserHistory> HISTORIES = List.of(
            UserHistory.ofSequence("a", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}),
            UserHistory.ofSequence("b", new int[] {10, 11, 12, 13, 14}));

    private static GcnConfig subset(boolean targetsIncludeInputs) {
        return GcnConfig.defaults().toBuilder().objective(GcnConfig.Objective.SUBSET).subsetMin(0.5).subsetMax(0.8)
                .batchSize(8).targetsIncludeInputs(targetsIncludeInputs).build();
    }

    @Test
    void subsetExamplesPredictTheHeldOutRest() {
        TrainingBatch batch = single(subset(false));
        for (int r = 0; r < batch.size(); r++) {
            Set<Long> inputs = inputs(batch, r);
            Set<Long> targets = targets(batch, r);
            assertTrue(inputs.stream().noneMatch(targets::contains), "pooled items are not targets: " + inputs + " " + targets);
            assertEquals(history(batch, r).size(), inputs.size() + targets.size(), "every item is pooled or a target");
        }
    }

    @Test
    void withTargetsIncludeInputsEveryHistoryItemIsATarget() {
        TrainingBatch batch = single(subset(true));
        for (int r = 0; r < batch.size(); r++) {
            Set<Long> inputs = inputs(batch, r);
            Set<Long> targets = targets(batch, r);
            assertEquals(history(batch, r), targets);
            assertTrue(targets.containsAll(inputs) && inputs.size() < targets.size(), "a strict share is pooled");
            assertEquals(0, batch.maskRows().length, "nothing to mask: the pooled items are targets");
        }
    }

    @Test
    void inputTargetWeightScalesPooledTargetsAgainstHeldOutOnes() {
        TrainingBatch batch = single(subset(true).toBuilder().inputTargetWeight(0.25).build());
        for (int r = 0; r < batch.size(); r++) {
            Set<Long> inputs = inputs(batch, r);
            int held = history(batch, r).size() - inputs.size();
            float heldOutWeight = (float) (1 / (held + 0.25 * inputs.size()));
            double sum = 0;
            for (int t = 0; t < batch.targetWidth(); t++) {
                float w = batch.targetWeights()[r * batch.targetWidth() + t];
                long item = batch.targets()[r * batch.targetWidth() + t];
                if (w > 0) {
                    assertEquals(inputs.contains(item) ? 0.25f * heldOutWeight : heldOutWeight, w, 1e-6f, "item " + item);
                }
                sum += w;
            }
            assertEquals(1.0, sum, 1e-6, "an example's target weights sum to 1");
        }
    }

    private static TrainingBatch single(GcnConfig config) {
        List<TrainingBatch> batches = new ExampleSampler(HISTORIES, PoolingConfig.mean(), config).epoch(new Random(3));
        assertEquals(1, batches.size());
        assertEquals(2, batches.get(0).size());
        return batches.get(0);
    }

    private static Set<Long> inputs(TrainingBatch b, int row) {
        Set<Long> out = new HashSet<>();
        for (int k = 0; k < b.poolRows().length; k++) {
            if (b.poolRows()[k] == row) {
                out.add(b.poolCols()[k]);
            }
        }
        return out;
    }

    private static Set<Long> targets(TrainingBatch b, int row) {
        Set<Long> out = new HashSet<>();
        for (int t = 0; t < b.targetWidth(); t++) {
            if (b.targetWeights()[row * b.targetWidth() + t] > 0) {
                out.add(b.targets()[row * b.targetWidth() + t]);
            }
        }
        return out;
    }

    /** The whole history of the user behind a batch row (rows are shuffled; the item ranges tell them apart). */
    private static Set<Long> history(TrainingBatch b, int row) {
        long any = inputs(b, row).iterator().next();
        Set<Long> out = new HashSet<>();
        for (int item : HISTORIES.get(any < 10 ? 0 : 1).items()) {
            out.add((long) item);
        }
        return out;
    }
}
