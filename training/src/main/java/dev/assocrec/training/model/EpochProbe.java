package dev.assocrec.training.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.eval.EmbeddingScorer;
import dev.assocrec.training.eval.EvalTask;
import dev.assocrec.training.eval.Evaluator;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.util.Progress;
import java.util.List;
import java.util.Random;

/**
 * Times the training loop of {@link GcnTrainer} (batch sampling and steps, no validation) for one epoch
 * or its first {@code maxSteps} steps, and counts what the device path's steps move and compute. For the
 * scale benchmark; the model it trains is thrown away.
 *
 * @param steps            steps run
 * @param stepsPerEpoch    steps in a whole epoch
 * @param samplingSeconds  wall time of sampling the epoch's batches
 * @param seconds          wall time of running {@code steps} steps
 * @param meanLoss         mean loss over the steps run
 * @param hostToDevice     mean bytes per step the torch engine sends to the device (the batch)
 * @param deviceToHost     bytes per step it reads back (the loss)
 * @param flops            mean floating-point operations per step of the device path (forward + backward + Adam)
 * @param deviceBytes      mean device-memory bytes per step it reads and writes (a roofline's denominator)
 * @param deviceMemory     device memory the torch engine holds for the run (parameters, Adam state, averages,
 *                         graph, autograd's saved layer outputs and gradients), bytes
 * @param validationNdcg20 the served validation NDCG@20 after the epoch (NaN when not asked for or cut short)
 */
public record EpochProbe(int steps, int stepsPerEpoch, double samplingSeconds, double seconds, double meanLoss, double hostToDevice,
                         double deviceToHost, double flops, double deviceBytes, double deviceMemory,
                         double validationNdcg20) {

    /** Seconds of a whole epoch: measured when every step ran, else sampling plus the per-step rate times the steps. */
    public double epochSeconds() {
        return samplingSeconds + seconds / steps * stepsPerEpoch;
    }

    public boolean extrapolated() {
        return steps < stepsPerEpoch;
    }

    /**
     * Runs the first {@code maxSteps} steps of epoch 1 (0: the whole epoch) on the CPU; with {@code validate}
     * and a whole epoch, scores the tables on the validation split as training does (not timed).
     */
    public static EpochProbe run(Dataset data, ItemGraph graph, GcnConfig config, int maxSteps, boolean validate,
                                 boolean progress) {
        ExampleSampler sampler = new ExampleSampler(data.train(), data.pooling(), config);
        Random random = new Random(config.seed() ^ 0x5DEECE66DL);
        ContextScale contextScale = ContextScale.ofDegrees(data.train(), data.itemCount(), config.contextDegreeExponent());
        Shape shape = Shape.of(graph, data, config);
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
             GcnNetwork net = GcnNetwork.create(manager, graph, data.itemAttributes(), data.attributeNames().size(),
                     contextScale, config, data.pooling())) {
            long start = System.nanoTime(); // initialisation is once per run, not per epoch: not timed
            List<TrainingBatch> batches = sampler.epoch(random);
            double sampling = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            int steps = maxSteps > 0 ? Math.min(maxSteps, batches.size()) : batches.size();
            double loss = 0;
            double up = 0;
            double flops = 0;
            double bytes = 0;
            try (Progress.Task bar = Progress.bars(progress).start("steps", steps)) {
            for (int k = 0; k < steps; k++) {
                TrainingBatch batch = batches.get(k);
                try (NDScope scope = new NDScope()) {
                    loss += net.step(manager, batch, random);
                }
                bar.step(1);
                up += shape.hostToDevice(batch);
                flops += shape.flops(batch);
                bytes += shape.deviceBytes(batch);
            }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double ndcg = Double.NaN;
            EvalTask validation = EvalTask.validation(data);
            if (validate && steps == batches.size() && validation.size() > 0) {
                EmbeddingTable[] tables = net.exportTables();
                try (EmbeddingScorer scorer = new EmbeddingScorer("gcn", tables[0], tables[1], data.pooling(),
                        Device.cpu())) {
                    ndcg = new Evaluator(data.itemCount()).evaluate(scorer, validation).ndcg20();
                }
            }
            return new EpochProbe(steps, batches.size(), sampling, seconds, loss / steps, up / steps, 4, flops / steps,
                    bytes / steps, shape.deviceMemory(), ndcg);
        }
    }

    /** The device path's sizes: tables, graph, attributes (torch engine, float32 values, int64 indices). */
    private record Shape(long items, long width, long dims, long layers, long graphNnz, long attributeRows,
                         long attributeNnz, long negatives, boolean dropout, long batch) {
        static Shape of(ItemGraph graph, Dataset data, GcnConfig config) {
            long width = config.separateTarget() ? 2L * config.dims() : config.dims();
            boolean attributes = config.useAttributes() && data.attributeNames().size() > 0;
            long attributeNnz = 0;
            if (attributes) {
                for (int[] a : data.itemAttributes()) {
                    attributeNnz += java.util.Arrays.stream(a).distinct().count();
                }
            }
            return new Shape(graph.itemCount(), width, config.dims(), config.layers(), graph.normalized().nnz(),
                    attributes ? data.attributeNames().size() : 0, attributeNnz, config.negatives(),
                    config.userDropout() > 0, config.batchSize());
        }

        long parameters() {
            return (items + attributeRows) * width;
        }

        /** What ServedLoss and the batch tensors send: COO pooling, targets and weights, mask or negatives. */
        double hostToDevice(TrainingBatch b) {
            long bt = (long) b.size() * b.targetWidth();
            double bytes = 20.0 * b.poolRows().length + 12.0 * bt + 12;
            bytes += negatives == 0 ? 20.0 * b.maskRows().length : 8.0 * negatives + 4.0 * bt;
            if (dropout) {
                bytes += 4.0 * b.size() * dims;
            }
            return bytes;
        }

        /** Sparse and dense products forward, the same again backward (transposes), Adam and averaging. */
        double flops(TrainingBatch b) {
            double propagate = 2.0 * (layers * graphNnz + attributeNnz) * width;
            double pool = 2.0 * b.poolRows().length * dims;
            long scored = negatives == 0 ? items : negatives + b.targetWidth();
            double logits = 2.0 * b.size() * scored * dims;
            double adam = 16.0 * parameters();
            return 2 * (propagate + pool + logits) + adam;
        }

        /**
         * Memory traffic: a sparse product reads its indices and values (20 B per non-zero) and one input
         * row per non-zero and writes its output; the logits are written and read back; Adam reads and
         * writes parameters, gradient and two moments.
         */
        double deviceBytes(TrainingBatch b) {
            double propagate = layers * (20.0 * graphNnz + 4.0 * graphNnz * width + 8.0 * items * width)
                    + 20.0 * attributeNnz + 4.0 * attributeNnz * width;
            double pool = 20.0 * b.poolRows().length + 4.0 * b.poolRows().length * dims;
            long scored = negatives == 0 ? items : negatives + b.targetWidth();
            double logits = 4.0 * scored * dims + 3 * 4.0 * b.size() * scored;
            double adam = 7 * 4.0 * parameters();
            return 2 * (propagate + pool + logits) + adam;
        }

        /**
         * Held on the device for the run: parameters, their gradient, Adam's two moments, an average, the graph
         * and attribute matrices as COO (int64 row and column, float32 value), and during a step autograd's
         * per-layer outputs with their gradients and the logits with their softmax and gradient.
         */
        double deviceMemory() {
            double tables = 5.0 * 4 * parameters();
            double graphs = 20.0 * (graphNnz + attributeNnz);
            double activations = 2.0 * 4 * (layers + 2) * items * width;
            double logits = 3.0 * 4 * batch * (negatives == 0 ? items : negatives + batch);
            return tables + graphs + activations + logits;
        }
    }
}
