package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.assocrec.training.data.UserHistory;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loss with a cosine margin against the formula written out in doubles, for the full and the sampled softmax. */
class ServedLossMarginTest {
    private static final int ITEMS = 6;
    private static final int DIMS = 3;
    private static final double T = 0.5;
    private static final float[] TABLE = {
        0.9f, -0.2f, 0.4f, 0.1f, 0.8f, -0.5f, -0.7f, 0.3f, 0.6f,
        0.2f, 0.2f, -0.9f, 0.5f, -0.6f, 0.1f, -0.3f, -0.4f, -0.8f};
    // Example 0 pools items 0 and 1 and ranks 0, 1, 2 (item 5 masked); example 1 pools item 3 and ranks 3 and 4,
    // item 4 twice (a repeated history item), padded to the batch's width of 3 with weight 0.
    private static final TrainingBatch BATCH = new TrainingBatch(2,
            new long[] {0, 0, 1}, new long[] {0, 1, 3}, new float[] {0.5f, 0.5f, 1f}, null, null,
            new long[] {0, 1, 2, 3, 4, 4}, new float[] {1 / 3f, 1 / 3f, 1 / 3f, 1 / 3f, 1 / 3f, 1 / 3f}, 3,
            new long[] {0}, new long[] {5});

    /** Train degrees 4, 2, 1, 0, 3, 1 (item 2 repeated in one history counts once). */
    private static final int[] DEGREES = {4, 2, 1, 0, 3, 1};
    private static final List<UserHistory> HISTORIES = List.of(
            history(0, 1, 4), history(0, 2, 2, 4), history(0, 1, 5), history(0, 4));

    private static UserHistory history(int... items) {
        return new UserHistory("u", items, null, null, null, null);
    }

    @BeforeAll
    static void offline() {
        System.setProperty("ai.djl.offline", "true");
    }

    @Test
    void theFullSoftmaxLowersEachTargetsLogitByTheMarginOnce() {
        for (double margin : new double[] {0, 0.3}) {
            assertEquals(expected(margin, null), loss(margin, 0, new Random(5)), 1e-5, "margin " + margin);
        }
        assertTrue(expected(0.3, null) > expected(0, null) + 0.1, "the margin raises the loss");
    }

    /** With a training prior τ_t each target's cosine is scaled by max(1, deg)^τ_t, the margin applied after it. */
    @Test
    void aTrainingPopularityPriorScalesEachCosineByTheItemsDegreePower() {
        double tau = 0.5;
        double withPrior = loss(0.3, 0, tau, new Random(5));
        assertEquals(expected(0.3, null, tau), withPrior, 1e-5);
        assertTrue(Math.abs(withPrior - expected(0.3, null, 0)) > 0.01, "the prior changes the loss");
    }

    @Test
    void theSampledSoftmaxLowersEachTargetSlotsLogitByTheMargin() {
        Random draws = new Random(5);
        long[] negatives = new long[4];
        for (int i = 0; i < negatives.length; i++) {
            negatives[i] = draws.nextInt(ITEMS);
        }
        for (double margin : new double[] {0, 0.3}) {
            assertEquals(expected(margin, negatives), loss(margin, negatives.length, new Random(5)), 1e-5,
                    "margin " + margin);
        }
    }

    private static double loss(double margin, int negatives, Random random) {
        return loss(margin, negatives, 0, random);
    }

    private static double loss(double margin, int negatives, double prior, Random random) {
        GcnConfig config = GcnConfig.defaults().toBuilder().dims(DIMS).separateTarget(false).temperature(T)
                .negatives(negatives).margin(margin).trainPopularityExponent(prior).device("cpu").build();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
             ServedLoss loss = new ServedLoss(manager, ContextScale.ofDegrees(HISTORIES, ITEMS, 0), config)) {
            return loss.of(manager, manager.create(TABLE, new Shape(ITEMS, DIMS)), BATCH, random).getFloat();
        }
    }

    private static double expected(double margin, long[] negatives) {
        return expected(margin, negatives, 0);
    }

    /** Cross-entropy over all items (negatives null) or over each example's target slots and the negatives. */
    private static double expected(double margin, long[] negatives, double prior) {
        double total = 0;
        int width = BATCH.targetWidth();
        for (int r = 0; r < BATCH.size(); r++) {
            double[] user = new double[DIMS];
            for (int k = 0; k < BATCH.poolRows().length; k++) {
                if (BATCH.poolRows()[k] == r) {
                    for (int j = 0; j < DIMS; j++) {
                        user[j] += BATCH.poolWeights()[k] * TABLE[(int) BATCH.poolCols()[k] * DIMS + j];
                    }
                }
            }
            Set<Long> targets = new HashSet<>();
            for (int s = 0; s < width; s++) {
                if (BATCH.targetWeights()[r * width + s] > 0) {
                    targets.add(BATCH.targets()[r * width + s]);
                }
            }
            double[] logit = new double[ITEMS];
            for (int i = 0; i < ITEMS; i++) {
                logit[i] = cosine(user, i) * Math.pow(Math.max(1, DEGREES[i]), prior) / T
                        - (targets.contains((long) i) ? margin / T : 0);
            }
            double norm = 0;
            if (negatives == null) {
                for (int i = 0; i < ITEMS; i++) {
                    boolean masked = BATCH.maskRows()[0] == r && BATCH.maskCols()[0] == i;
                    norm += masked ? 0 : Math.exp(logit[i]);
                }
            } else {
                for (int s = 0; s < width; s++) {
                    if (BATCH.targetWeights()[r * width + s] > 0) {
                        norm += Math.exp(logit[(int) BATCH.targets()[r * width + s]]);
                    }
                }
                for (long n : negatives) {
                    norm += Math.exp(cosine(user, (int) n) * Math.pow(Math.max(1, DEGREES[(int) n]), prior) / T);
                }
            }
            for (int s = 0; s < width; s++) {
                double w = BATCH.targetWeights()[r * width + s];
                total -= w * (logit[(int) BATCH.targets()[r * width + s]] - Math.log(norm));
            }
        }
        return total / BATCH.size();
    }

    private static double cosine(double[] user, int item) {
        double dot = 0;
        double uu = 0;
        double tt = 0;
        for (int j = 0; j < DIMS; j++) {
            double t = TABLE[item * DIMS + j];
            dot += user[j] * t;
            uu += user[j] * user[j];
            tt += t * t;
        }
        return dot / Math.sqrt(uu * tt);
    }
}
