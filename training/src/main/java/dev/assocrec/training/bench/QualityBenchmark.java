package dev.assocrec.training.bench;

import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.eval.EmbeddingScorer;
import dev.assocrec.training.eval.EvalTask;
import dev.assocrec.training.eval.Evaluator;
import dev.assocrec.training.eval.ItemKnnScorer;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.eval.PopularityScorer;
import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.graph.ItemGraphBuilder;
import dev.assocrec.training.model.GcnConfig;
import dev.assocrec.training.model.GcnTrainer;
import dev.assocrec.training.model.TrainedModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "quality-benchmark", mixinStandardHelpOptions = true)
public final class QualityBenchmark implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "../shared/data") Path data;
    @Option(names = "--dataset", defaultValue = "beauty") String dataset;
    @Option(names = "--layers", defaultValue = "2") int layers;
    @Option(names = "--dims", defaultValue = "64") int dims;
    @Option(names = "--temperature", defaultValue = "0.1") double temperature;
    @Option(names = "--lr", defaultValue = "0.005") double lr;
    @Option(names = "--batch", defaultValue = "1024") int batch;
    @Option(names = "--epochs", defaultValue = "40") int epochs;
    @Option(names = "--patience", defaultValue = "4") int patience;
    @Option(names = "--half-life", defaultValue = "2") double halfLife;
    @Option(names = "--topk", defaultValue = "50") int topK;
    @Option(names = "--attr-weight", defaultValue = "0.2") double attrWeight;
    @Option(names = "--no-attributes") boolean noAttributes;
    @Option(names = "--shared-target") boolean sharedTarget;
    @Option(names = "--no-mask") boolean noMask;
    @Option(names = "--negatives", defaultValue = "0") int negatives;

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        System.exit(new CommandLine(new QualityBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Dataset d = switch (dataset) {
            case "beauty" -> BenchmarkData.sequences(data.resolve("amazon-beauty-s3rec/Beauty.txt"),
                    data.resolve("amazon-beauty-s3rec/Beauty_item2attributes.json"), PoolingConfig.positional(halfLife));
            case "toys" -> BenchmarkData.sequences(data.resolve("amazon-toys-s3rec/Toys_and_Games.txt"),
                    data.resolve("amazon-toys-s3rec/Toys_and_Games_item2attributes.json"), PoolingConfig.positional(halfLife));
            default -> throw new IllegalArgumentException("unknown dataset " + dataset);
        };
        GraphConfig gc = GraphConfig.defaults().withTopK(topK).withAttributeWeight(attrWeight);
        ItemGraph graph = new ItemGraphBuilder(gc, true).build(d);
        System.out.printf("graph: %d nnz in %.1fs%n", graph.normalized().nnz(), graph.buildSeconds());
        Evaluator ev = new Evaluator(d.itemCount());
        EvalTask test = EvalTask.test(d);
        System.out.println("popularity " + ev.evaluate(new PopularityScorer(d), test));
        System.out.println("itemknn    " + ev.evaluate(new ItemKnnScorer(d, 200, true), test));
        GcnConfig cfg = GcnConfig.defaults().toBuilder().layers(layers).dims(dims).temperature(temperature)
                .learningRate(lr).batchSize(batch).maxEpochs(epochs).patience(patience).useAttributes(!noAttributes)
                .separateTarget(!sharedTarget).maskHistoryInLoss(!noMask && negatives == 0).negatives(negatives).build();
        TrainedModel m = new GcnTrainer(cfg, true).train(d, graph, s -> System.out.println(s));
        try (EmbeddingScorer s = new EmbeddingScorer("gcn", m.context(), m.target(), m.pooling(), GcnTrainer.device("auto"))) {
            Metrics mt = ev.evaluate(s, test);
            System.out.println("gcn        " + mt + " best epoch " + m.bestEpoch());
        }
        return 0;
    }
}
