package dev.assocrec.training.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Locale;

/**
 * Hyper-parameters of GCN training. The builder ({@code GcnConfigBuilder}, {@link #toBuilder()}) is generated
 * from the components, so a new hyper-parameter is one component here (plus its value in {@code DEFAULTS}
 * unless that is 0 or false, and a check in the constructor if it has a range).
 *
 * @param dims              embedding width of the served tables
 * @param layers            propagation layers; the tables average the outputs of layers 0..layers
 * @param maxEpochs         upper bound on epochs
 * @param patience          stop after this many epochs without a better validation NDCG@20
 * @param learningRate      Adam step size
 * @param batchSize         training examples per step
 * @param temperature       softmax temperature over cosine scores (smaller = sharper)
 * @param seed              seeds initialisation and sampling; same seed, same data, same model
 * @param device            "cpu", "gpu" or "auto" (the engine's default device); see {@link #checkDevice}
 * @param separateTarget    learn a target table apart from the context table
 * @param useAttributes     add learnable attribute embeddings to the item inputs
 * @param objective         what a training example is (see {@link Objective})
 * @param subsetMin         SUBSET: the least share of a history pooled as input
 * @param subsetMax         SUBSET: the largest share of a history pooled as input
 * @param maxHistory        NEXT_ITEM: at most this many latest items are pooled
 * @param maskHistoryInLoss leave the pooled items out of the full softmax, as evaluation masks them
 * @param negatives         0: softmax over all items; n: over the targets and n uniformly sampled items
 * @param unitTargets       score by cosine to unit-length target rows; false keeps the target rows' learned
 *                          norms (logit = |t|·cos/temperature), so an item's norm can carry its prior
 * @param learningRateDecay the step size is multiplied by this after every epoch (1 = constant)
 * @param targetsIncludeInputs SUBSET: every history item is a target, the pooled ones included (a
 *                          denoising objective: the pooled vector must also rank what it was built from)
 * @param inputTargetWeight SUBSET with targetsIncludeInputs: the loss weight of a pooled item as a target, relative
 *                          to a held-out one (1 = every history item counts the same)
 * @param popularityExponent τ: exported target rows are multiplied by max(1, train degree)^τ (see
 *                          {@link PopularityTilt}); used as given when there is no validation split or
 *                          {@code choosePopularityExponent} is off
 * @param choosePopularityExponent with a validation split, choose τ there after training instead
 * @param contextDegreeExponent β: context rows are multiplied by max(1, train degree)^-β, in training and in
 *                          the exported table alike, so mean pooling down-weights popular history items
 *                          (LightGCN's 1/sqrt(|N_i|) for β = ½; 0 = off)
 * @param parameterAveraging the exported (and validated) tables come from an exponential moving average of the
 *                          parameters with this decay per step (0 = the last step's parameters); it smooths the
 *                          noisy plateau of a large step size
 * @param userDropout       in training, each coordinate of a pooled user vector is zeroed with this probability
 *                          (a data-dependent ridge penalty against memorised co-occurrences; 0 = off)
 * @param engine            where the training step runs (see {@link Engine}); both compute the same model
 * @param layer             what one propagation layer computes (see {@link Layer})
 * @param cosineEpochs      0: the step size only decays per epoch; H: it also follows a half cosine to near 0 over
 *                          H epochs ({@link AdamSchedule#rate}); a refit keeps H, so it stops where the selection did
 * @param margin            m: each target's logit is (cos − m) / temperature (an additive cosine margin, as in
 *                          CosFace / SimpleX's contrastive loss: a target must beat the rest by m; 0 = off)
 * @param layerWeights      GCN layers: the context table is Σ_l a_l·(layer l's output), a_l these weights over layers
 *                          0..layers scaled to sum 1 (empty = the plain mean of the layer outputs)
 * @param targetLayerWeights GCN layers: the target table's weights over layers 0..layers (empty = the context's); with
 *                          one shared base table and a different mix the two tables differ, from the same parameters
 * @param trainPopularityExponent τ_t: in training, each target's cosine is multiplied by max(1, train degree)^τ_t,
 *                          the served form of the popularity prior ({@link PopularityTilt}), so the tables learn what
 *                          the prior does not already say; validation then scores with (and chooses τ around) the
 *                          prior trained with (0 = off)
 * @param userWeightExponent α: an example's loss weight is (its target count / the epoch's mean)^α: 0 = every
 *                          example (user) counts the same, 1 = every target (interaction) does, as in Mult-VAE's
 *                          multinomial likelihood or BPR
 */
@RecordBuilder
@RecordBuilder.Options(enableWither = false)
public record GcnConfig(
        int dims,
        int layers,
        int maxEpochs,
        int patience,
        double learningRate,
        int batchSize,
        double temperature,
        long seed,
        String device,
        boolean separateTarget,
        boolean useAttributes,
        Objective objective,
        double subsetMin,
        double subsetMax,
        int maxHistory,
        boolean maskHistoryInLoss,
        int negatives,
        boolean targetsIncludeInputs,
        double learningRateDecay,
        boolean unitTargets,
        double contextDegreeExponent,
        double inputTargetWeight,
        double popularityExponent,
        boolean choosePopularityExponent,
        double parameterAveraging,
        double userDropout,
        Engine engine,
        Layer layer,
        int cosineEpochs,
        double margin,
        List<Double> layerWeights,
        List<Double> targetLayerWeights,
        double trainPopularityExponent,
        double userWeightExponent) {

    private static final List<String> DEVICES = List.of("cpu", "gpu", "auto");

    /** How a user's history becomes training examples for the served pooled-vector scorer. */
    public enum Objective {
        /** Pool each prefix of an ordered history, predict the next item (sequences). */
        NEXT_ITEM,
        /** Pool a random share of an unordered history, predict the rest (sets, e.g. check-ins). */
        SUBSET
    }

    /** What one propagation layer computes from the rows h of the layer before. Both are linear in h. */
    public enum Layer {
        /** LightGCN's layer: D̂^-½ Â D̂^-½ h, no weights. */
        GCN,
        /**
         * GraphSAGE-style: h·W_self + (N h)·W_neigh with learned width × width matrices per layer, N the graph's
         * normalised adjacency without its self-loops (a degree-normalised mean of the neighbours); it starts at
         * W_self = 0, W_neigh = I, so a step-0 model propagates like GCN over the neighbours alone.
         */
        SAGE
    }

    /** Where the training step runs; the same seed and data give the same model up to float rounding. */
    public enum Engine {
        /** TORCH on a GPU, JAVA on a CPU (as fast there and the engine the quality figures were measured with; training/ENGINES.md). */
        AUTO,
        /** Propagation, its backward, Adam and averaging in multithreaded Java; PyTorch computes the loss only. */
        JAVA,
        /** The whole step in PyTorch on the configured device: parameters, graph, autograd, Adam, averaging. */
        TORCH;

        /** The engine that runs on {@code device}: AUTO resolved, the others as they are. */
        public Engine on(ai.djl.Device device) {
            if (this != AUTO) {
                return this;
            }
            return device.isGpu() ? TORCH : JAVA;
        }
    }

    public GcnConfig {
        if (negatives < 0) {
            throw new IllegalArgumentException("negatives must be >= 0: " + this);
        }
        if (dims < 1 || layers < 0 || maxEpochs < 1 || patience < 1 || batchSize < 1 || maxHistory < 1) {
            throw new IllegalArgumentException("dims, maxEpochs, patience, batchSize, maxHistory must be >= 1 and layers >= 0: " + this);
        }
        if (!(learningRate > 0) || !(temperature > 0)) {
            throw new IllegalArgumentException("learningRate and temperature must be > 0: " + this);
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new IllegalArgumentException("learningRateDecay must be in (0, 1]: " + this);
        }
        if (!(subsetMin > 0 && subsetMin <= subsetMax && subsetMax < 1)) {
            throw new IllegalArgumentException("need 0 < subsetMin <= subsetMax < 1: " + this);
        }
        if (!(contextDegreeExponent >= 0)) {
            throw new IllegalArgumentException("contextDegreeExponent must be >= 0: " + this);
        }
        if (!(inputTargetWeight > 0 && inputTargetWeight <= 1)) {
            throw new IllegalArgumentException("inputTargetWeight must be in (0, 1]: " + this);
        }
        if (!Double.isFinite(popularityExponent)) {
            throw new IllegalArgumentException("popularityExponent must be a finite number: " + this);
        }
        if (!(parameterAveraging >= 0 && parameterAveraging < 1)) {
            throw new IllegalArgumentException("parameterAveraging must be in [0, 1): " + this);
        }
        if (!(userDropout >= 0 && userDropout < 1)) {
            throw new IllegalArgumentException("userDropout must be in [0, 1): " + this);
        }
        if (cosineEpochs < 0) {
            throw new IllegalArgumentException("cosineEpochs must be >= 0: " + this);
        }
        if (!(userWeightExponent >= 0 && userWeightExponent <= 1)) {
            throw new IllegalArgumentException("userWeightExponent must be in [0, 1]: " + this);
        }
        if (!(trainPopularityExponent >= 0 && trainPopularityExponent <= 1)) {
            throw new IllegalArgumentException("trainPopularityExponent must be in [0, 1]: " + this);
        }
        if (!(margin >= 0 && margin < 2)) {
            throw new IllegalArgumentException("margin must be in [0, 2): " + this);
        }
        layerWeights = layerWeights == null ? List.of() : List.copyOf(layerWeights);
        targetLayerWeights = targetLayerWeights == null ? List.of() : List.copyOf(targetLayerWeights);
        for (List<Double> w : List.of(layerWeights, targetLayerWeights)) {
            if (!w.isEmpty() && (w.size() != layers + 1 || w.stream().anyMatch(v -> !(v >= 0 && Double.isFinite(v)))
                    || !(w.stream().mapToDouble(Double::doubleValue).sum() > 0))) {
                throw new IllegalArgumentException("layer weights need layers + 1 numbers >= 0, not all 0: " + this);
            }
        }
        if (layer == Layer.SAGE && !(layerWeights.isEmpty() && targetLayerWeights.isEmpty())) {
            throw new IllegalArgumentException("layer weights need GCN layers: " + this);
        }
        if (objective == null || device == null || engine == null || layer == null) {
            throw new IllegalArgumentException("objective, device, engine and layer are required: " + this);
        }
        try {
            device = checkDevice(device);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device '" + device + "': " + e.getMessage());
        }
    }

    /** Unlisted components default to 0, false or null (which the constructor refuses where a value is required). */
    private static final GcnConfig DEFAULTS = GcnConfigBuilder.builder()
            .dims(64).layers(2).maxEpochs(40).patience(4).learningRate(5e-3).batchSize(1024).temperature(0.1).seed(42)
            .device("auto").separateTarget(true).useAttributes(true).objective(Objective.NEXT_ITEM)
            .subsetMin(0.5).subsetMax(0.8).maxHistory(200).maskHistoryInLoss(true).learningRateDecay(1.0)
            .unitTargets(true).inputTargetWeight(1).choosePopularityExponent(true).engine(Engine.AUTO).layer(Layer.GCN)
            .build();

    public static GcnConfig defaults() {
        return DEFAULTS;
    }

    /** A builder holding this config's values (generated from the record: a new component needs no edit here). */
    public GcnConfigBuilder toBuilder() {
        return GcnConfigBuilder.builder(this);
    }

    /** The context table's weights over the layer outputs 0..layers, summing to 1. */
    public double[] contextMix() {
        return mix(layerWeights);
    }

    /** The target table's weights over the layer outputs 0..layers, summing to 1. */
    public double[] targetMix() {
        return targetLayerWeights.isEmpty() ? contextMix() : mix(targetLayerWeights);
    }

    /**
     * Whether the propagated table has context columns, then target columns (2 × dims wide): with a separate target
     * table, or when one shared base table is mixed over the layers differently for the two sides.
     */
    public boolean splitTables() {
        return separateTarget || !java.util.Arrays.equals(contextMix(), targetMix());
    }

    private double[] mix(List<Double> weights) {
        double[] m = new double[layers + 1];
        if (weights.isEmpty()) {
            java.util.Arrays.fill(m, 1.0 / (layers + 1));
            return m;
        }
        double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
        for (int l = 0; l < m.length; l++) {
            m[l] = weights.get(l) / sum;
        }
        return m;
    }

    /** This config with a fixed τ, not chosen on validation. */
    public GcnConfig withFixedPopularityExponent(double tau) {
        return toBuilder().popularityExponent(tau).choosePopularityExponent(false).build();
    }

    /**
     * A device name a config accepts, lower-cased: cpu, gpu or auto (the engine's default device). The one
     * check of the name; {@link GcnTrainer#device} resolves it.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static String checkDevice(String name) {
        String d = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!DEVICES.contains(d)) {
            throw new IllegalArgumentException("use cpu, gpu or auto");
        }
        return d;
    }
}
