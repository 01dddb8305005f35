package dev.assocrec.training.cli;

import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.ingest.BadInputException;
import dev.assocrec.training.model.GcnConfig;
import dev.assocrec.training.model.GcnConfigBuilder;
import dev.assocrec.training.model.GcnTrainer;
import dev.assocrec.training.pipeline.TrainingSettings;
import java.util.Locale;
import java.util.function.DoublePredicate;
import picocli.CommandLine.Option;

/**
 * Graph and GCN hyper-parameters. Unset options keep the defaults for the data's kind (see
 * {@link dev.assocrec.training.pipeline.TrainingDefaults}).
 */
final class HyperParameterOptions {
    @Option(names = "--objective", paramLabel = "KIND",
            description = "What a training example is: next-item (pool a history prefix, predict the next item) or "
                    + "subset (pool a random part of a history, predict the rest). Default: subset for event logs and "
                    + "lightgcn, next-item for sequences.")
    String objective;

    @Option(names = "--layer", paramLabel = "KIND",
            description = "What a propagation layer computes: gcn (LightGCN's normalised neighbour sum) or sage "
                    + "(GraphSAGE-style: learned self and neighbour transforms per layer; training/quality/README.md "
                    + "compares them). Default: gcn.")
    String layer;

    @Option(names = "--dims", paramLabel = "N", description = "Embedding width. Default: 64.")
    Integer dims;

    @Option(names = "--layers", paramLabel = "N", description = "Graph convolution layers (0 = no propagation). Default: 2 for event logs and sequences, 10 for lightgcn.")
    Integer layers;

    @Option(names = "--layer-weights", paramLabel = "W,W,...", split = ",",
            description = "GCN layers: the context table mixes the outputs of layers 0..N with these weights (N + 1 "
                    + "numbers >= 0, scaled to sum 1). Default: equal weights (the mean).")
    java.util.List<Double> layerWeights;

    @Option(names = "--target-layer-weights", paramLabel = "W,W,...", split = ",",
            description = "GCN layers: the target table's weights over layers 0..N (one shared table then serves two "
                    + "mixes). Default: the context table's.")
    java.util.List<Double> targetLayerWeights;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Most epochs to train; the epoch with the best validation NDCG@20 is kept. Default: 30 for "
                    + "event logs and sequences, 25 for lightgcn.")
    Integer epochs;

    @Option(names = "--patience", paramLabel = "N",
            description = "Stop after this many epochs without a better validation NDCG@20. Default: 3.")
    Integer patience;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate. Default: 0.005 for event logs and sequences, 0.02 for lightgcn.")
    Double learningRate;

    @Option(names = "--lr-cosine-epochs", paramLabel = "N",
            description = "The learning rate also follows a half cosine to near 0 over N epochs (a refit keeps N, so its "
                    + "last epoch has the step size of the selection's best); 0 = off. Default: 0.")
    Integer cosineEpochs;

    @Option(names = "--margin", paramLabel = "M",
            description = "Additive cosine margin: each target's logit is (cos - M) / temperature, so a target must beat "
                    + "the other items by M; 0 = off. Default: 0 for event logs and sequences, 0.3 for lightgcn.")
    Double margin;

    @Option(names = "--batch", paramLabel = "N", description = "Training examples per step (above 50,000 items the default is at least 4096: each step "
                    + "propagates the whole graph). Default: 512 for event logs, 2048 for sequences and lightgcn.")
    Integer batch;

    @Option(names = "--negatives", paramLabel = "N",
            description = "Sampled negatives per batch; 0 = softmax over all items (above 50,000 items the default is "
                    + "2048 for every kind of data). Default: 0 for event logs and lightgcn, 2048 for sequences.")
    Integer negatives;

    @Option(names = "--temperature", paramLabel = "T", description = "Softmax temperature over cosine scores. Default: 0.1.")
    Double temperature;

    @Option(names = "--popularity-exponent", paramLabel = "TAU",
            description = "Popularity prior in the scores: target rows are multiplied by max(1, train degree)^TAU. "
                    + "Default: chosen on the validation split from 0, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2 and 0.3 (0 when "
                    + "there is none).")
    Double popularityExponent;

    @Option(names = "--train-popularity-exponent", paramLabel = "TAU",
            description = "In training, each target's cosine is multiplied by max(1, train degree)^TAU (the served "
                    + "popularity prior), so the tables learn what the prior does not say; --popularity-exponent and its "
                    + "choice on validation give the served rows' whole exponent; 0 = off. Default: 0 for event logs and "
                    + "sequences, 0.05 for lightgcn.")
    Double trainPopularityExponent;

    @Option(names = "--user-weight-exponent", paramLabel = "A",
            description = "An example's loss weight is (its target count / the mean count)^A: 0 = every user counts the "
                    + "same, 1 = every interaction does. Default: 0 for event logs and sequences, 0.5 for lightgcn.")
    Double userWeightExponent;

    @Option(names = "--param-averaging", paramLabel = "DECAY",
            description = "Export an exponential moving average of the parameters with this decay per step (the "
                    + "validation figures and the best epoch are the average's); 0 = off. Default: 0.")
    Double parameterAveraging;

    @Option(names = "--dropout", paramLabel = "P",
            description = "In training, zero each coordinate of a pooled user vector with probability P (a "
                    + "regulariser; it did not help on Gowalla); 0 = off. Default: 0.")
    Double userDropout;

    @Option(names = "--top-k", paramLabel = "N",
            description = "Graph neighbours kept per item. Default: 20 for event logs and sequences, 5 for lightgcn.")
    Integer topK;

    @Option(names = "--co-purchase-weight", paramLabel = "W",
            description = "Weight of co-purchase edges (0 leaves them out). Default: 1.0.")
    Double coPurchaseWeight;

    @Option(names = "--co-view-weight", paramLabel = "W",
            description = "Weight of co-view edges, dwell-weighted (0 leaves them out). Default: 0.5.")
    Double coViewWeight;

    @Option(names = "--attribute-weight", paramLabel = "W",
            description = "Weight of attribute-similarity edges: category, brand, price band (0 leaves them out). Default: 0.2.")
    Double attributeWeight;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            description = "cpu, gpu or auto (the engine's default device). Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "Where the training step runs: java (propagation, backward and Adam in Java, the loss in "
                    + "PyTorch), torch (the whole step in PyTorch on --device) or auto (torch on a GPU, java on a CPU; "
                    + "see training/ENGINES.md). Default: auto.")
    String engine;

    @Option(names = "--pooling", paramLabel = "KIND",
            description = "How a history becomes the user vector: mean, weighted (event type and recency), attention "
                    + "(learned weights from each item's vector, event type and recency, trained with the tables) or auto "
                    + "(the recipe's choice, made on validation). Default: auto.")
    String pooling;

    @Option(names = "--refit", negatable = true, arity = "0..1", fallbackValue = "true",
            description = "After choosing the epoch count on validation, train again on train + validation "
                    + "(--no-refit: keep the early-stopped model; --refit true|false also works). Default: false for event logs "
                    + "and sequences, true for lightgcn.")
    Boolean refit;

    /**
     * A --device value as the config takes it; what the config refuses, or gpu on a machine without one (checked
     * here, before any data is read), is bad input.
     */
    static String checkedDevice(String value) throws BadInputException {
        try {
            String dev = GcnConfig.checkDevice(value);
            if (dev.equals("gpu")) {
                GcnTrainer.device(dev);
            }
            return dev;
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--device " + value + ": " + e.getMessage());
        }
    }

    private static GcnConfig.Engine engine(String name) throws BadInputException {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> GcnConfig.Engine.AUTO;
            case "java" -> GcnConfig.Engine.JAVA;
            case "torch" -> GcnConfig.Engine.TORCH;
            default -> throw new BadInputException("--engine " + name + ": use auto, java or torch");
        };
    }

    private static GcnConfig.Objective objective(String name) throws BadInputException {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "next-item" -> GcnConfig.Objective.NEXT_ITEM;
            case "subset" -> GcnConfig.Objective.SUBSET;
            default -> throw new BadInputException("--objective " + name + ": use next-item or subset");
        };
    }

    /** The --pooling choice; a bad value is bad input naming the option. */
    dev.assocrec.training.pipeline.PoolingOption pooling() throws BadInputException {
        try {
            return dev.assocrec.training.pipeline.PoolingOption.parse(pooling, "--pooling");
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static GcnConfig.Layer layer(String name) throws BadInputException {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "gcn" -> GcnConfig.Layer.GCN;
            case "sage" -> GcnConfig.Layer.SAGE;
            default -> throw new BadInputException("--layer " + name + ": use gcn or sage");
        };
    }

    /** The defaults with every given option applied; a bad value is bad input naming its option. */
    TrainingSettings apply(TrainingSettings defaults, long seed) throws BadInputException {
        String dev = checkedDevice(device);
        checkRanges();
        GcnConfigBuilder b = defaults.gcn().toBuilder().device(dev).seed(seed);
        if (engine != null) { b.engine(engine(engine)); }
        if (objective != null) { b.objective(objective(objective)); }
        if (layer != null) { b.layer(layer(layer)); }
        if (dims != null) { b.dims(dims); }
        if (layers != null) { b.layers(layers); }
        if (epochs != null) { b.maxEpochs(epochs); }
        if (patience != null) { b.patience(patience); }
        if (learningRate != null) { b.learningRate(learningRate); }
        if (cosineEpochs != null) { b.cosineEpochs(cosineEpochs); }
        if (margin != null) { b.margin(margin); }
        if (batch != null) { b.batchSize(batch); }
        if (negatives != null) { b.negatives(negatives); }
        if (temperature != null) { b.temperature(temperature); }
        if (popularityExponent != null) { b.popularityExponent(popularityExponent).choosePopularityExponent(false); }
        if (parameterAveraging != null) { b.parameterAveraging(parameterAveraging); }
        if (userDropout != null) { b.userDropout(userDropout); }
        if (userWeightExponent != null) { b.userWeightExponent(userWeightExponent); }
        if (trainPopularityExponent != null) { b.trainPopularityExponent(trainPopularityExponent); }
        if (layerWeights != null) { b.layerWeights(layerWeights); }
        if (targetLayerWeights != null) { b.targetLayerWeights(targetLayerWeights); }
        checkLayerWeights(b);
        GraphConfig g = defaults.graph();
        g = new GraphConfig(coPurchaseWeight != null ? coPurchaseWeight : g.coPurchaseWeight(),
                coViewWeight != null ? coViewWeight : g.coViewWeight(),
                attributeWeight != null ? attributeWeight : g.attributeWeight(),
                topK != null ? topK : g.topK(), g.attributeTopK(), g.maxAttributeShare(), g.selfLoopWeight());
        return new TrainingSettings(g, b.build(), refit != null ? refit : defaults.refit());
    }

    /** The ranges the model and graph accept, checked here so that the message names the option and the value. */
    private void checkRanges() throws BadInputException {
        atLeast("--dims", dims, 1);
        atLeast("--layers", layers, 0);
        atLeast("--epochs", epochs, 1);
        atLeast("--patience", patience, 1);
        atLeast("--batch", batch, 1);
        atLeast("--lr-cosine-epochs", cosineEpochs, 0);
        atLeast("--negatives", negatives, 0);
        atLeast("--top-k", topK, 1);
        check("--lr", learningRate, v -> v > 0 && Double.isFinite(v), "a number > 0");
        check("--temperature", temperature, v -> v > 0 && Double.isFinite(v), "a number > 0");
        check("--popularity-exponent", popularityExponent, Double::isFinite, "a finite number");
        check("--param-averaging", parameterAveraging, v -> v >= 0 && v < 1, "at least 0 and below 1");
        check("--user-weight-exponent", userWeightExponent, v -> v >= 0 && v <= 1, "at least 0 and at most 1");
        check("--train-popularity-exponent", trainPopularityExponent, v -> v >= 0 && v <= 1, "at least 0 and at most 1");
        check("--margin", margin, v -> v >= 0 && v < 2, "at least 0 and below 2");
        check("--dropout", userDropout, v -> v >= 0 && v < 1, "at least 0 and below 1");
        check("--co-purchase-weight", coPurchaseWeight, v -> v >= 0 && Double.isFinite(v), "a number >= 0");
        check("--co-view-weight", coViewWeight, v -> v >= 0 && Double.isFinite(v), "a number >= 0");
        check("--attribute-weight", attributeWeight, v -> v >= 0 && Double.isFinite(v), "a number >= 0");
    }

    /** Each mix has one weight per layer output 0..layers (a recipe's too, once --layers changes the count). */
    private void checkLayerWeights(GcnConfigBuilder b) throws BadInputException {
        String[] options = {"--layer-weights", "--target-layer-weights"};
        java.util.List<java.util.List<Double>> given = java.util.Arrays.asList(layerWeights, targetLayerWeights);
        java.util.List<java.util.List<Double>> used = java.util.Arrays.asList(b.layerWeights(), b.targetLayerWeights());
        for (int k = 0; k < 2; k++) {
            java.util.List<Double> w = used.get(k);
            if (w == null || w.isEmpty()) {
                continue;
            }
            String shown = w.stream().map(v -> Double.toString(v)).collect(java.util.stream.Collectors.joining(","));
            if (w.stream().anyMatch(v -> v == null || !(v >= 0 && Double.isFinite(v)))
                    || !(w.stream().mapToDouble(Double::doubleValue).sum() > 0)) {
                throw new BadInputException(options[k] + " " + shown + ": must be numbers >= 0, not all 0");
            }
            if (w.size() != b.layers() + 1) {
                String what = given.get(k) != null ? options[k] + " " + shown : "--layers " + b.layers() + ": the recipe's "
                        + options[k].substring(2) + " " + shown;
                throw new BadInputException(what + ": need " + (b.layers() + 1)
                        + " numbers, one per layer output 0.." + b.layers() + " (give " + options[k] + ")");
            }
            if (b.layer() == GcnConfig.Layer.SAGE) {
                throw new BadInputException(options[k] + " " + shown + ": needs --layer gcn");
            }
        }
    }

    private static void atLeast(String option, Integer value, int min) throws BadInputException {
        if (value != null && value < min) {
            throw new BadInputException(option + " " + value + ": must be at least " + min);
        }
    }

    private static void check(String option, Double value, DoublePredicate ok, String allowed)
            throws BadInputException {
        if (value != null && !ok.test(value)) {
            throw new BadInputException(option + " " + value + ": must be " + allowed);
        }
    }
}
