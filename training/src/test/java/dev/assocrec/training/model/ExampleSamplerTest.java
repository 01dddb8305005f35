package dev.assocrec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.EventType;
import dev.assocrec.contract.HistoryPooling;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.UserHistory;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** α = 1: the 10-item history weighs 10 / 7.5, the 5-item one 5 / 7.5; α = 0.5 their square roots. */
    @Test
    void theUserWeightExponentWeighsAnExampleByItsTargetCount() {
        for (double alpha : new double[] {0, 0.5, 1}) {
            TrainingBatch batch = single(subset(true).toBuilder().userWeightExponent(alpha).build());
            for (int r = 0; r < batch.size(); r++) {
                double sum = 0;
                for (int t = 0; t < batch.targetWidth(); t++) {
                    sum += batch.targetWeights()[r * batch.targetWidth() + t];
                }
                int n = history(batch, r).size();
                assertEquals(Math.pow(n / 7.5, alpha), sum, 1e-6, "alpha " + alpha + ", " + n + " targets");
            }
        }
    }

    /**
     * The loss pools in tensor form: a sparse matrix of normalised weights, one entry per occurrence, times the
     * context table in PyTorch. Over thousands of examples from random histories (repeated items, event types,
     * recency in seconds or positions, entries whose recency weight underflows to 0) each pooled row equals the
     * contract's {@link HistoryPooling#pool} of the same prefix within float rounding.
     */
    @Test
    void batchedPoolingEqualsTheContractsPoolingOnRandomHistories() {
        int users = 300;
        int span = 20; // user u's items are u·span … u·span+19: a batch row's first item names its user
        int dims = 16;
        Random rng = new Random(5);
        EmbeddingTable context = gaussian(users * span, dims, rng);
        for (PoolingConfig pooling : List.of(PoolingConfig.defaultWeighted(), PoolingConfig.positional(3),
                PoolingConfig.mean())) {
            // Seconds over ~a year (a 30-day half-life takes early entries towards 0), or positions.
            List<UserHistory> histories = randomHistories(rng, users, span, 40, 30, pooling);
            GcnConfig config = GcnConfig.defaults().toBuilder().objective(GcnConfig.Objective.NEXT_ITEM)
                    .maxHistory(1000).batchSize(1024).build();
            int examples = 0;
            try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
                 NDArray table = manager.create(context.data(), new Shape(context.rows(), dims))) {
                for (TrainingBatch b : new ExampleSampler(histories, pooling, config).epoch(new Random(9))) {
                    float[] got;
                    try (NDArray pool = TorchTensors.coo(manager, b.poolRows(), b.poolCols(), b.poolWeights(),
                            b.size(), context.rows());
                         NDArray pooled = pool.matMul(table)) {
                        got = pooled.toFloatArray();
                    }
                    examples += assertRowsPoolAsTheContract(b, got, histories, span, context, pooling, 1e-5,
                            String.valueOf(pooling.mode()));
                }
            }
            assertTrue(examples > 5000, examples + " examples");
        }
    }

    /**
     * Attention pools in the loss ({@link AttentionPooling}: gathered context rows, logits, a per-example softmax
     * as sparse sums). With random learned parameters (content vector, event-type biases, recency slope) on both
     * time axes, each pooled row of thousands of next-item examples equals the contract's pooling of the same
     * prefix with {@link HistoryPooling#weights(List, PoolingConfig, EmbeddingTable)} within float rounding.
     */
    @Test
    void attentionPoolingInTheLossEqualsTheContractsAttentionOnRandomHistories() {
        int users = 200;
        int span = 20;
        int dims = 16;
        Random rng = new Random(11);
        EmbeddingTable context = gaussian(users * span, dims, rng);
        for (PoolingConfig base : List.of(PoolingConfig.defaultWeighted(), PoolingConfig.positional(3))) {
            List<Double> vector = new ArrayList<>();
            for (int j = 0; j < dims; j++) {
                vector.add(rng.nextGaussian() * 2);
            }
            java.util.Map<EventType, Double> bias = new java.util.EnumMap<>(EventType.class);
            bias.put(EventType.VIEW, -0.5);
            bias.put(EventType.PURCHASE, 1.25);
            PoolingConfig seed = PoolingConfig.attentionFrom(base, dims);
            PoolingConfig pooling = seed.withAttention(new PoolingConfig.Attention(vector, bias, -0.3,
                    seed.attention().recencyUnit()));
            List<UserHistory> histories = randomHistories(rng, users, span, 30, 10, pooling);
            GcnConfig config = GcnConfig.defaults().toBuilder().objective(GcnConfig.Objective.NEXT_ITEM)
                    .maxHistory(1000).batchSize(1024).dims(dims).build();
            int examples = 0;
            try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
                 NDArray table = manager.create(context.data(), new Shape(context.rows(), dims));
                 AttentionPooling attention = new AttentionPooling(manager, pooling, dims, 0)) {
                for (TrainingBatch b : new ExampleSampler(histories, pooling, config).epoch(new Random(9))) {
                    float[] got;
                    try (NDArray pooled = attention.pool(manager, table, b)) {
                        got = pooled.toFloatArray();
                    }
                    examples += assertRowsPoolAsTheContract(b, got, histories, span, context, pooling, 2e-5,
                            String.valueOf(pooling.timeAxis()));
                }
            }
            assertTrue(examples > 2000, examples + " examples");
        }
    }

    /**
     * Each pooled row of {@code b} against the contract's pooling ({@link HistoryPooling#weights(List, PoolingConfig,
     * EmbeddingTable)}) of that example's prefix; a row's first item names its user (items u·span …). Returns the
     * examples checked.
     */
    private static int assertRowsPoolAsTheContract(TrainingBatch b, float[] got, List<UserHistory> histories, int span,
                                                   EmbeddingTable context, PoolingConfig pooling, double tolerance,
                                                   String label) {
        int dims = context.dims();
        int[] rowStart = new int[b.size() + 1];
        for (long r : b.poolRows()) {
            rowStart[(int) r + 1]++;
        }
        for (int r = 0; r < b.size(); r++) {
            rowStart[r + 1] += rowStart[r];
        }
        for (int r = 0; r < b.size(); r++) {
            int prefix = rowStart[r + 1] - rowStart[r];
            UserHistory h = histories.get((int) b.poolCols()[rowStart[r]] / span);
            float[] want = HistoryPooling.pool(context, Arrays.copyOf(h.items(), prefix),
                    HistoryPooling.weights(h.entries().subList(0, prefix), pooling, context));
            for (int j = 0; j < dims; j++) {
                assertEquals(want[j], got[r * dims + j], tolerance, label + " " + h.userId() + " prefix " + prefix
                        + " dim " + j);
            }
        }
        return b.size();
    }

    private static EmbeddingTable gaussian(int rows, int dims, Random rng) {
        float[] data = new float[rows * dims];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (rng.nextGaussian() / Math.sqrt(dims));
        }
        return new EmbeddingTable(rows, dims, data);
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

    /**
     * User u's 2 … maxLength + 1 entries: items from u·span … u·span + span − 1 (a third repeat an earlier entry),
     * random event types, times as positions or seconds with gaps of up to maxGapDays.
     */
    private static List<UserHistory> randomHistories(Random rng, int users, int span, int maxLength, int maxGapDays,
                                                     PoolingConfig pooling) {
        List<UserHistory> histories = new ArrayList<>();
        EventType[] types = EventType.values();
        for (int u = 0; u < users; u++) {
            int n = 2 + rng.nextInt(maxLength);
            int[] items = new int[n];
            EventType[] events = new EventType[n];
            double[] times = new double[n];
            for (int i = 0; i < n; i++) {
                items[i] = i > 0 && rng.nextInt(3) == 0 ? items[rng.nextInt(i)] : u * span + rng.nextInt(span);
                events[i] = types[rng.nextInt(types.length)];
                times[i] = pooling.timeAxis() == PoolingConfig.TimeAxis.POSITIONS ? i
                        : (i == 0 ? 0 : times[i - 1]) + rng.nextDouble() * maxGapDays * 24 * 3600;
            }
            histories.add(new UserHistory("u" + u, items, events, times, null, null));
        }
        return histories;
    }
}
