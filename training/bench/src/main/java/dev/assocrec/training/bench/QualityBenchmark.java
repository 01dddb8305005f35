package dev.assocrec.training.bench;

import ai.djl.Device;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.pipeline.PoolingOption;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.eval.EmbeddingScorer;
import dev.assocrec.training.eval.EvalTask;
import dev.assocrec.training.eval.Evaluator;
import dev.assocrec.training.eval.ItemKnnScorer;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.eval.PopularityScorer;
import dev.assocrec.training.eval.Scorer;
import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.graph.ItemGraphBuilder;
import dev.assocrec.training.ingest.IngestSettings;
import dev.assocrec.training.ingest.LightGcnDatasetReader;
import dev.assocrec.training.ingest.SequenceDatasetReader;
import dev.assocrec.training.model.GcnConfig;
import dev.assocrec.training.model.GcnConfigBuilder;
import dev.assocrec.training.model.GcnTrainer;
import dev.assocrec.training.model.TrainedModel;
import dev.assocrec.training.pipeline.ExportedModelCheck;
import dev.assocrec.training.pipeline.GcnFitting;
import dev.assocrec.training.pipeline.RunReports;
import dev.assocrec.training.pipeline.StepLog;
import java.io.PrintWriter;
import dev.assocrec.training.report.EvaluationReport;
import dev.assocrec.training.report.ReportWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Reproduces the quality figures: for each data set, the GCN and the popularity and item-kNN
 * baselines on the same split, written as report.json / report.md / curve.svg, and a summary table
 * on stdout. Hyper-parameters come from {@link Recipe}; options override them for experiments.
 */
@Command(name = "quality-benchmark", mixinStandardHelpOptions = true,
        description = "GCN vs popularity vs item-kNN on the public benchmark splits.")
public final class QualityBenchmark implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "../shared/data", description = "folder with the benchmark data sets")
    Path data;
    @Option(names = "--datasets", defaultValue = "beauty,toys", split = ",", description = "beauty, toys, gowalla")
    List<String> datasets;
    @Option(names = "--out", defaultValue = "training/bench/target/quality", description = "report folder (one sub-folder per data set)")
    Path out;
    @Option(names = "--ablations", description = "also train the GCN variants: layers 0/1/3, no attribute edges, mean pooling")
    boolean ablations;
    @Option(names = "--ablation-epochs", description = "epoch cap for ablation runs (default: the recipe's)")
    Integer ablationEpochs;
    @Option(names = "--baselines", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also evaluate popularity and item-kNN (--no-baselines for hyper-parameter screening)")
    boolean baselines;
    @Option(names = "--check-export", description = "also write the GCN as a model version folder, load it back "
            + "verified and score the test split with the tables as read (row 'gcn exported')")
    boolean checkExport;
    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;
    @Option(names = "--device", defaultValue = "auto") String device;
    @Option(names = "--layers") Integer layers;
    @Option(names = "--dims") Integer dims;
    @Option(names = "--temperature") Double temperature;
    @Option(names = "--lr") Double lr;
    @Option(names = "--lr-decay", description = "learning rate multiplied by this after each epoch") Double lrDecay;
    @Option(names = "--lr-cosine-epochs", description = "the learning rate also follows a half cosine to near 0 over "
            + "this many epochs (0 = off)") Integer cosineEpochs;
    @Option(names = "--layer-weights", split = ",", description = "context table's weights over layer outputs 0..layers (default: equal)") java.util.List<Double> layerWeights;
    @Option(names = "--target-layer-weights", split = ",", description = "target table's weights over layer outputs 0..layers (default: the context's)") java.util.List<Double> targetLayerWeights;
    @Option(names = "--train-popularity-exponent", description = "in training, target cosines x max(1, train degree)^this (0 = off)") Double trainPopularityExponent;
    @Option(names = "--user-weight-exponent", description = "example loss weight (target count / mean)^this (0 = each user the same)") Double userWeightExponent;
    @Option(names = "--margin", description = "additive cosine margin on the targets' logits (0 = off)") Double margin;
    @Option(names = "--batch") Integer batch;
    @Option(names = "--epochs") Integer epochs;
    @Option(names = "--patience") Integer patience;
    @Option(names = "--negatives") Integer negatives;
    @Option(names = "--half-life") Double halfLife;
    @Option(names = "--pooling", description = "auto (the recipe's), mean, weighted or attention (learned, trained "
            + "with the tables)") String pooling;
    @Option(names = "--topk") Integer topK;
    @Option(names = "--attr-weight") Double attrWeight;
    @Option(names = "--no-attribute-embeddings") boolean noAttributeEmbeddings;
    @Option(names = "--shared-target", negatable = true, description = "one table for pooling and scoring "
            + "(--no-shared-target: a separate target table; default: the recipe's)") Boolean sharedTarget;
    @Option(names = "--targets-include-inputs", negatable = true,
            description = "SUBSET: all history items are targets, the pooled ones included") Boolean targetsIncludeInputs;
    @Option(names = "--unit-targets", negatable = true, description = "cosine to unit target rows (default) or raw inner product")
    Boolean unitTargets;
    @Option(names = "--subset", split = ",", description = "SUBSET: least,largest share of a history pooled, e.g. 0.5,0.8")
    List<Double> subset;
    @Option(names = "--degree-exponent", description = "context rows x train degree^-this (0 = plain mean pooling)")
    Double degreeExponent;
    @Option(names = "--input-target-weight", description = "SUBSET with all history items as targets: "
            + "loss weight of a pooled item relative to a held-out one (1 = equal)") Double inputTargetWeight;
    @Option(names = "--param-averaging", description = "export and validate an exponential moving average of the "
            + "parameters with this decay per step (0 = off)") Double parameterAveraging;
    @Option(names = "--dropout", description = "in training, zero each coordinate of a pooled user vector with this "
            + "probability (0 = off)") Double dropout;
    @Option(names = "--popularity-exponent", description = "target rows x max(1, train degree)^this, fixed "
            + "(default: chosen on validation in a selection run; the recipe's value in a refit)") Double popularityExponent;
    @Option(names = "--seed") Long seed;
    @Option(names = "--layer", description = "what a propagation layer computes: ${COMPLETION-CANDIDATES}")
    GcnConfig.Layer layer;
    @Option(names = "--engine", description = "where the training step runs: ${COMPLETION-CANDIDATES}")
    GcnConfig.Engine engine;
    @Option(names = "--refit", negatable = true, description = "refit on train+validation at the chosen epoch count "
            + "(--no-refit: the selection run, which keeps the epoch with the best validation NDCG@20)")
    Boolean refit;
    @Option(names = "--refit-epochs", description = "with refit: train on train+validation for this many epochs "
            + "(default: the recipe's count from its selection run; 0 = select on validation first in this run)")
    Integer refitEpochs;

    static final List<String> DATASETS = List.of("beauty", "toys", "gowalla");
    static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        System.exit(commandLine().execute(args));
    }

    /** Option errors as one line and exit code 2, like the training CLI's. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new QualityBenchmark());
        // --layer sage, --engine torch: spelled as the training CLI spells them.
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            return EXIT_BAD_INPUT;
        });
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        try {
            GcnConfig.checkDevice(device);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--device " + device + ": " + e.getMessage());
        }
        try {
            PoolingOption.parse(pooling, "--pooling");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        for (String name : datasets) {
            if (!DATASETS.contains(name.trim().toLowerCase(Locale.ROOT))) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--datasets: unknown data set '" + name + "' (" + String.join(", ", DATASETS) + ")");
            }
        }
        List<String> summary = new ArrayList<>();
        summary.add(String.format(Locale.ROOT, "%-8s %-22s %8s %8s %8s %8s %8s %8s", "dataset", "model",
                "R@20", "N@20", "HR@20", "R@10", "N@10", "HR@10"));
        for (String name : datasets) {
            EvaluationReport r = run(name.trim().toLowerCase(Locale.ROOT));
            Map<String, Metrics> rows = new LinkedHashMap<>(r.models());
            r.ablations().forEach((k, v) -> rows.put("gcn " + k, v));
            rows.forEach((model, m) -> summary.add(String.format(Locale.ROOT, "%-8s %-22s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f",
                    name, model, m.recall20(), m.ndcg20(), m.hr20(), m.recall10(), m.ndcg10(), m.hr10())));
            summary.add(String.format(Locale.ROOT, "%-8s training %.1f s, %.1f s/epoch, best epoch %d, graph %.1f s, peak RSS %.0f MB",
                    name, r.trainSeconds(), r.secondsPerEpoch(), r.bestEpoch(), r.graphSeconds(), r.peakMemoryMb()));
        }
        System.out.println();
        summary.forEach(System.out::println);
        return 0;
    }

    private EvaluationReport run(String name) throws Exception {
        Recipe recipe = Recipe.forDataset(name);
        double hl = halfLife != null ? halfLife : recipe.positionalHalfLife();
        PoolingConfig pooling = hl > 0 ? PoolingConfig.positional(hl) : PoolingConfig.mean();
        GraphConfig graphConfig = graphConfig(recipe.graph());
        GcnConfig config = gcnConfig(recipe.gcn());
        Dataset d = PoolingOption.parse(this.pooling, "--pooling")
                .apply(load(name, pooling), PoolingOption.parse(recipe.pooling(), "pooling"), config.dims());
        boolean doRefit = refit != null ? refit : recipe.refit();
        int fixedEpochs = doRefit ? (refitEpochs != null ? refitEpochs : recipe.refitEpochs()) : 0;
        log("%s: %d users, %d items; pooling %s; graph %s; gcn %s; refit %s", name, d.userCount(), d.itemCount(),
                d.pooling().mode().name().toLowerCase(Locale.ROOT), graphConfig, config,
                !doRefit ? "no (selection run)" : fixedEpochs > 0 ? fixedEpochs + " epochs" : "after selection");

        ItemGraph graph = new ItemGraphBuilder(graphConfig, !quiet).build(d);
        log("%s: graph %d edges in %.1f s (co-purchase %d, co-view %d, attribute %d)", name, graph.normalized().nnz(),
                graph.buildSeconds(), graph.edges().coPurchase(), graph.edges().coView(), graph.edges().attribute());
        Evaluator evaluator = new Evaluator(d.itemCount());
        EvalTask test = EvalTask.test(d);
        Map<String, Metrics> models = new LinkedHashMap<>();
        TrainedModel model = fixedEpochs > 0
                ? fitting().refitFor(d, graphConfig, config, fixedEpochs)
                : fitting().fit(d, graph, config, doRefit);
        models.put("gcn", evaluateModel(model, test, evaluator));
        log("%s: gcn        %s", name, models.get("gcn"));
        if (checkExport) {
            models.put("gcn exported", ExportedModelCheck.onTestSplit(model, d, GcnTrainer.device(device)));
            log("%s: gcn exported %s", name, models.get("gcn exported"));
        }
        if (baselines) {
            models.put("popularity", evaluator.evaluate(new PopularityScorer(d), test));
            log("%s: popularity %s", name, models.get("popularity"));
            Scorer knn = new ItemKnnScorer(d, 200, !quiet);
            models.put("itemknn", evaluator.evaluate(knn, test));
            log("%s: itemknn    %s", name, models.get("itemknn"));
        }

        Map<String, Metrics> ablationRows = new LinkedHashMap<>();
        if (ablations) {
            GcnConfig capped = ablationEpochs == null ? config : config.toBuilder().maxEpochs(ablationEpochs).build();
            for (int l : new int[] {0, 1, 2, 3}) {
                if (l == config.layers() && capped.maxEpochs() >= model.bestEpoch()) {
                    ablationRows.put("layers=" + l, models.get("gcn")); // the main model, same run
                } else {
                    ablate(ablationRows, "layers=" + l, d, graph, capped.toBuilder().layers(l).build(), test, evaluator);
                }
            }
            if (graphConfig.attributeWeight() > 0 && !d.attributeNames().isEmpty()) {
                GraphConfig noAttr = graphConfig.withAttributeWeight(0);
                ItemGraph g2 = new ItemGraphBuilder(noAttr, !quiet).build(d);
                ablate(ablationRows, "no attribute edges", d, g2, capped, test, evaluator);
            }
            boolean meanPooling = d.pooling().mode() == PoolingConfig.Mode.MEAN;
            Dataset other = DatasetVariants.withPooling(d, meanPooling ? PoolingConfig.positional(2) : PoolingConfig.mean());
            ablate(ablationRows, meanPooling ? "weighted pooling" : "mean pooling", other, graph, capped,
                    EvalTask.test(other), evaluator);
        }
        EvaluationReport report = RunReports.of(name, d, models, ablationRows, model.epochs(), model.bestEpoch(),
                model.trainSeconds(), graph.buildSeconds(), model.config());
        ReportWriter.write(report, out.resolve(name));
        log("%s: report in %s", name, out.resolve(name).toAbsolutePath().normalize());
        return report;
    }

    private void ablate(Map<String, Metrics> rows, String label, Dataset d, ItemGraph graph, GcnConfig config,
                        EvalTask test, Evaluator evaluator) {
        TrainedModel m = fitting().fit(d, graph, config, false);
        Metrics metrics = evaluateModel(m, test, evaluator);
        rows.put(label, metrics);
        log("ablation %-20s %s (best epoch %d, %.0f s)", label, metrics, m.bestEpoch(), m.trainSeconds());
    }

    private GcnFitting fitting() {
        return new GcnFitting(new StepLog(new PrintWriter(System.out, true)), !quiet);
    }

    private Metrics evaluateModel(TrainedModel m, EvalTask test, Evaluator evaluator) {
        try (EmbeddingScorer s = new EmbeddingScorer("gcn", m.context(), m.target(), m.pooling(), GcnTrainer.device(device))) {
            return evaluator.evaluate(s, test);
        }
    }

    private Dataset load(String name, PoolingConfig pooling) throws Exception {
        IngestSettings settings = IngestSettings.defaults();
        Dataset d = switch (name) {
            case "beauty" -> new SequenceDatasetReader(settings).read(data.resolve("amazon-beauty-s3rec/Beauty.txt"),
                    data.resolve("amazon-beauty-s3rec/Beauty_item2attributes.json"));
            case "toys" -> new SequenceDatasetReader(settings).read(data.resolve("amazon-toys-s3rec/Toys_and_Games.txt"),
                    data.resolve("amazon-toys-s3rec/Toys_and_Games_item2attributes.json"));
            case "gowalla" -> new LightGcnDatasetReader(settings).read(
                    List.of(data.resolve("gowalla-lightgcn/train.part1.txt"), data.resolve("gowalla-lightgcn/train.part2.txt")),
                    data.resolve("gowalla-lightgcn/test.txt"));
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "' (beauty, toys, gowalla)");
        };
        return DatasetVariants.withPooling(d, pooling);
    }

    private GraphConfig graphConfig(GraphConfig base) {
        GraphConfig g = base;
        if (topK != null) {
            g = g.withTopK(topK);
        }
        if (attrWeight != null) {
            g = g.withAttributeWeight(attrWeight);
        }
        return g;
    }

    private GcnConfig gcnConfig(GcnConfig base) {
        GcnConfigBuilder b = base.toBuilder().device(device);
        if (layers != null) { b.layers(layers); }
        if (dims != null) { b.dims(dims); }
        if (temperature != null) { b.temperature(temperature); }
        if (lr != null) { b.learningRate(lr); }
        if (lrDecay != null) { b.learningRateDecay(lrDecay); }
        if (cosineEpochs != null) { b.cosineEpochs(cosineEpochs); }
        if (margin != null) { b.margin(margin); }
        if (layerWeights != null) { b.layerWeights(layerWeights); }
        if (userWeightExponent != null) { b.userWeightExponent(userWeightExponent); }
        if (trainPopularityExponent != null) { b.trainPopularityExponent(trainPopularityExponent); }
        if (targetLayerWeights != null) { b.targetLayerWeights(targetLayerWeights); }
        if (batch != null) { b.batchSize(batch); }
        if (epochs != null) { b.maxEpochs(epochs); }
        if (patience != null) { b.patience(patience); }
        if (negatives != null) { b.negatives(negatives); }
        if (seed != null) { b.seed(seed); }
        if (layer != null) { b.layer(layer); }
        if (engine != null) { b.engine(engine); }
        if (noAttributeEmbeddings) { b.useAttributes(false); }
        if (sharedTarget != null) { b.separateTarget(!sharedTarget); }
        if (targetsIncludeInputs != null) { b.targetsIncludeInputs(targetsIncludeInputs); }
        if (unitTargets != null) { b.unitTargets(unitTargets); }
        if (degreeExponent != null) { b.contextDegreeExponent(degreeExponent); }
        if (inputTargetWeight != null) { b.inputTargetWeight(inputTargetWeight); }
        if (parameterAveraging != null) { b.parameterAveraging(parameterAveraging); }
        if (dropout != null) { b.userDropout(dropout); }
        if (popularityExponent != null) { b.popularityExponent(popularityExponent).choosePopularityExponent(false); }
        if (subset != null) {
            if (subset.size() != 2) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--subset needs two shares: min,max, not " + subset);
            }
            b.subsetMin(subset.get(0)).subsetMax(subset.get(1));
        }
        return b.build();
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, format + "%n", args);
        System.out.flush();
    }
}
