package dev.assocrec.training.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.graph.ItemGraphBuilder;
import dev.assocrec.training.ingest.EventsDatasetReader;
import dev.assocrec.training.ingest.IngestSettings;
import dev.assocrec.training.ingest.InputFormat;
import dev.assocrec.training.ingest.SequenceDatasetReader;
import dev.assocrec.training.pipeline.TrainingDefaults;
import dev.assocrec.training.pipeline.TrainingSettings;
import dev.assocrec.training.util.Progress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Times the two engines' training steps interleaved on the same batches (java, torch, java, torch...),
 * so that a shared, noisy machine loads both alike; prints the median seconds per step and the ratio.
 * <pre>
 * java -cp "training/target/test-classes:training/target/classes:training/target/lib/*" \
 *   dev.assocrec.training.model.EngineStepBenchmark sequence ../shared/data/amazon-beauty-s3rec/Beauty.txt \
 *   ../shared/data/amazon-beauty-s3rec/Beauty_item2attributes.json 20
 * ... EngineStepBenchmark events shop20k/events.csv shop20k/catalog.csv 20
 * </pre>
 * The data set's default training settings are used, as {@code train} would.
 */
public final class EngineStepBenchmark {
    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        boolean sequence = args[0].equals("sequence");
        Dataset data = sequence
                ? new SequenceDatasetReader(IngestSettings.defaults()).read(Path.of(args[1]), Path.of(args[2]))
                : new EventsDatasetReader(IngestSettings.defaults(), Progress.NONE).read(Path.of(args[1]), false, Path.of(args[2]));
        int steps = Integer.parseInt(args[3]);
        TrainingSettings settings = TrainingDefaults.forFormat(sequence ? InputFormat.SEQUENCE : InputFormat.CSV).settings();
        ItemGraph graph = new ItemGraphBuilder(settings.graph(), false).build(data);
        GcnConfig config = settings.gcn().toBuilder().device("cpu").build();
        List<TrainingBatch> batches = new ExampleSampler(data.train(), data.pooling(), config).epoch(new Random(1));
        ContextScale scale = ContextScale.ofDegrees(data.train(), data.itemCount(), config.contextDegreeExponent());
        int n = Math.min(steps, batches.size());
        double[] javaSeconds = new double[n];
        double[] torchSeconds = new double[n];
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
             GcnNetwork java = GcnNetwork.create(manager, graph, data.itemAttributes(), data.attributeNames().size(),
                     scale, config.toBuilder().engine(GcnConfig.Engine.JAVA).build());
             GcnNetwork torch = GcnNetwork.create(manager, graph, data.itemAttributes(), data.attributeNames().size(),
                     scale, config.toBuilder().engine(GcnConfig.Engine.TORCH).build())) {
            Random javaRandom = new Random(2);
            Random torchRandom = new Random(2);
            for (int s = 0; s < n; s++) {
                javaSeconds[s] = timedStep(java, manager, batches.get(s), javaRandom);
                torchSeconds[s] = timedStep(torch, manager, batches.get(s), torchRandom);
            }
        }
        double j = median(javaSeconds);
        double t = median(torchSeconds);
        System.out.printf("%d items, %d graph non-zeros, batch %d, %d steps of %d: median s/step java %.3f, torch %.3f, "
                        + "torch/java %.2f; s/epoch at that rate java %.0f, torch %.0f%n",
                data.itemCount(), graph.normalized().nnz(), config.batchSize(), n, batches.size(), j, t, t / j,
                j * batches.size(), t * batches.size());
    }

    private static double timedStep(GcnNetwork net, NDManager manager, TrainingBatch batch, Random random) {
        long start = System.nanoTime();
        try (NDScope scope = new NDScope()) {
            net.step(manager, batch, random);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
