package dev.assocrec.training.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.eval.EmbeddingScorer;
import dev.assocrec.training.eval.EvalTask;
import dev.assocrec.training.eval.Evaluator;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.util.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains the GCN for the served task and keeps the epoch with the best validation NDCG@20
 * (early stopping), then chooses the {@link PopularityTilt} exponent on validation for that epoch.
 * Without validation items it trains for maxEpochs, keeps the last epoch and applies the configured
 * exponent (used to refit on train + validation with the epoch count and exponent chosen before).
 */
public final class GcnTrainer {
    /** Key in a model's config record: the {@link GcnConfig} it was trained with. */
    public static final String CONFIG_KEY = "gcn";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GcnConfig requested;
    private final boolean progress;

    public GcnTrainer(GcnConfig config, boolean progress) {
        this.requested = config;
        this.progress = progress;
    }

    /**
     * The device a config's name stands for ({@link GcnConfig#checkDevice}); gpu where PyTorch sees none is refused
     * rather than left to fail at the first tensor.
     */
    public static Device device(String name) {
        return switch (GcnConfig.checkDevice(name)) {
            case "auto" -> Engine.getEngine("PyTorch").defaultDevice();
            case "gpu" -> {
                if (Engine.getEngine("PyTorch").getGpuCount() == 0) {
                    throw new IllegalArgumentException("PyTorch sees no GPU on this machine; use cpu or auto");
                }
                yield Device.gpu();
            }
            default -> Device.cpu();
        };
    }

    public TrainedModel train(Dataset data, ItemGraph graph, EpochListener listener) {
        if (graph.itemCount() != data.itemCount()) {
            throw new IllegalArgumentException("graph has " + graph.itemCount() + " items, dataset " + data.itemCount());
        }
        long start = System.nanoTime();
        Device device = device(requested.device());
        // The model's record names the engine that ran, not "auto".
        GcnConfig config = requested.toBuilder().engine(requested.engine().on(device)).build();
        EvalTask validation = EvalTask.validation(data);
        Evaluator evaluator = new Evaluator(data.itemCount());
        ExampleSampler sampler = new ExampleSampler(data.train(), data.pooling(), config);
        Random random = new Random(config.seed() ^ 0x5DEECE66DL);
        List<EpochStats> curve = new ArrayList<>();
        EmbeddingTable[] best = null;
        PoolingConfig bestPooling = data.pooling();
        double bestScore = Double.NEGATIVE_INFINITY;
        Metrics bestMetrics = null;
        int bestEpoch = 0;
        ContextScale contextScale = ContextScale.ofDegrees(data.train(), data.itemCount(), config.contextDegreeExponent());
        int[] degrees = contextScale.degrees();
        double trained = config.trainPopularityExponent();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(device);
             GcnNetwork net = GcnNetwork.create(manager, graph, data.itemAttributes(), data.attributeNames().size(),
                     contextScale, config, data.pooling())) {
            for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
                long epochStart = System.nanoTime();
                List<TrainingBatch> batches = sampler.epoch(random);
                double lossSum = 0;
                long seen = 0;
                try (Progress.Task bar = Progress.bars(progress).start("epoch " + epoch, batches.size())) {
                    for (int k = 0; k < batches.size(); k++) {
                        TrainingBatch batch = batches.get(k);
                        try (NDScope scope = new NDScope()) {
                            float loss = net.step(manager, batch, random);
                            if (!Float.isFinite(loss)) {
                                throw new IllegalStateException("training diverged: loss " + loss + " at epoch " + epoch
                                        + ", batch " + (k + 1) + " of " + batches.size()
                                        + "; lower the learning rate (now " + config.learningRate() + ")");
                            }
                            lossSum += (double) loss * batch.size();
                            seen += batch.size();
                        }
                        bar.step(1);
                        bar.message(String.format(java.util.Locale.ROOT, "loss %.4f", lossSum / Math.max(1, seen)));
                    }
                }
                net.endEpoch();
                EmbeddingTable[] tables = net.exportTables();
                if (config.trainPopularityExponent() > 0) {
                    // Validated as trained: the target rows carry the prior the loss scored them with.
                    tables = new EmbeddingTable[] {tables[0], PopularityTilt.apply(tables[1], degrees, trained)};
                }
                PoolingConfig pooling = net.pooling(data.pooling());
                double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
                Metrics m = validation.size() > 0
                        ? validate(tables[0], tables[1], pooling, validation, evaluator, device) : null;
                EpochStats stats = new EpochStats(epoch, lossSum / Math.max(1, seen),
                        m == null ? Double.NaN : m.recall20(), m == null ? Double.NaN : m.ndcg20(), trainSeconds);
                curve.add(stats);
                listener.onEpoch(stats);
                double score = m == null ? epoch : m.ndcg20();
                if (score > bestScore) {
                    bestScore = score;
                    bestMetrics = m;
                    best = tables;
                    bestPooling = pooling;
                    bestEpoch = epoch;
                } else if (epoch - bestEpoch >= config.patience()) {
                    break;
                }
            }
        }
        ObjectNode record = describe(config, graph);
        // best[1] carries the trained prior τ_t; a candidate τ is the exported rows' whole exponent.
        double exponent = config.popularityExponent();
        if (validation.size() > 0 && config.choosePopularityExponent()) {
            ObjectNode screen = record.putObject(PopularityTilt.SCREEN_KEY);
            ObjectNode recalls = record.putObject(PopularityTilt.RECALL_SCREEN_KEY);
            double bestNdcg = Double.NEGATIVE_INFINITY;
            for (double candidate : PopularityTilt.CANDIDATES) {
                Metrics m = candidate == trained ? bestMetrics
                        : validate(best[0], PopularityTilt.apply(best[1], degrees, candidate - trained), bestPooling,
                                validation, evaluator, device);
                double ndcg = m.ndcg20();
                screen.put(Double.toString(candidate), ndcg);
                recalls.put(Double.toString(candidate), m.recall20());
                if (ndcg > bestNdcg) {
                    bestNdcg = ndcg;
                    exponent = candidate;
                }
            }
        }
        record.put(PopularityTilt.EXPONENT_KEY, exponent);
        record.set("pooling", JSON.valueToTree(bestPooling));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainedModel(best[0], PopularityTilt.apply(best[1], degrees, exponent - trained), bestPooling,
                List.copyOf(curve), bestEpoch, seconds, record);
    }

    /** The served scoring of these tables on the validation split. */
    private static Metrics validate(EmbeddingTable context, EmbeddingTable target, PoolingConfig pooling,
                                    EvalTask validation, Evaluator evaluator, Device device) {
        try (EmbeddingScorer scorer = new EmbeddingScorer("gcn", context, target, pooling, device)) {
            return evaluator.evaluate(scorer, validation);
        }
    }

    private static ObjectNode describe(GcnConfig config, ItemGraph graph) {
        ObjectNode node = JSON.createObjectNode();
        node.set(CONFIG_KEY, JSON.valueToTree(config));
        node.set("graph", JSON.valueToTree(graph.config()));
        node.put("graphEdges", graph.normalized().nnz());
        return node;
    }
}
