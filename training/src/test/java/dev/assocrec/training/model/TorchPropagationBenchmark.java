package dev.assocrec.training.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.assocrec.training.graph.CsrMatrix;
import java.util.Arrays;
import java.util.Random;

/**
 * Times one propagation forward + backward (the torch engine's graph work per step) three ways: a
 * sparse COO matmul with autograd, gather + weighted sum over a padded neighbour list (autograd's
 * backward is an index-add), and the Java engine's CSR product with its hand-written transpose.
 * <pre>
 * ./mvnw -o -q -pl training exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.assocrec.training.model.TorchPropagationBenchmark -Dexec.args="20000 20 128 2"
 * </pre>
 * Arguments: items, neighbours per item before symmetrising, width (2 × dims with a target table), layers.
 */
public final class TorchPropagationBenchmark {
    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        int items = Integer.parseInt(args[0]);
        int k = Integer.parseInt(args[1]);
        int width = Integer.parseInt(args[2]);
        int layers = Integer.parseInt(args[3]);
        CsrMatrix graph = symmetricRandomGraph(items, k, new Random(1));
        int maxDegree = 0;
        for (int r = 0; r < items; r++) {
            maxDegree = Math.max(maxDegree, graph.rowLength(r));
        }
        System.out.printf("graph: %d items, %d non-zeros, max degree %d, width %d, layers %d%n",
                items, graph.nnz(), maxDegree, width, layers);
        float[] x = new float[items * width];
        Random random = new Random(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        Propagation java = new Propagation(graph, layers);
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
            NDArray coo = TorchTensors.of(manager, graph);
            long[] index = new long[items * maxDegree];
            float[] weight = new float[items * maxDegree];
            for (int r = 0; r < items; r++) {
                for (int j = 0; j < graph.rowLength(r); j++) {
                    index[r * maxDegree + j] = graph.colAt(graph.rowStart(r) + j);
                    weight[r * maxDegree + j] = graph.valueAt(graph.rowStart(r) + j);
                }
            }
            NDArray padIndex = manager.create(index).duplicate();
            NDArray padWeight = TorchTensors.dense(manager, weight, new Shape(items, maxDegree, 1));
            NDArray input = TorchTensors.dense(manager, x, new Shape(items, width));
            input.setRequiresGradient(true);
            int finalMaxDegree = maxDegree;
            for (int round = 0; round < 3; round++) {
                double sparse = seconds(() -> torchStep(manager, input, layers, h -> coo.matMul(h)));
                double gather = seconds(() -> torchStep(manager, input, layers,
                        h -> h.get(padIndex).reshape(items, finalMaxDegree, width).mul(padWeight).sum(new int[] {1})));
                double javaSeconds = seconds(() -> java.backpropagate(java.propagate(x, width), width));
                System.out.printf("round %d: sparse matmul %.3f s, gather + index-add %.3f s, java CSR %.3f s%n",
                        round + 1, sparse, gather, javaSeconds);
            }
        }
    }

    private static void torchStep(NDManager manager, NDArray input, int layers,
                                  java.util.function.UnaryOperator<NDArray> layer) {
        try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray sum = input;
            NDArray h = input;
            for (int l = 0; l < layers; l++) {
                h = layer.apply(h);
                sum = sum.add(h);
            }
            gc.backward(sum.sum());
            input.getGradient().getFloat(0, 0);
            ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) input);
        }
    }

    private static double seconds(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e9;
    }

    /** k random neighbours per item, symmetrised, rows normalised like D^-1/2 A D^-1/2 would scale them. */
    private static CsrMatrix symmetricRandomGraph(int items, int k, Random random) {
        java.util.List<java.util.Set<Integer>> adj = new java.util.ArrayList<>();
        for (int i = 0; i < items; i++) {
            adj.add(new java.util.TreeSet<>());
        }
        for (int i = 0; i < items; i++) {
            adj.get(i).add(i);
            for (int j = 0; j < k; j++) {
                int n = random.nextInt(items);
                adj.get(i).add(n);
                adj.get(n).add(i);
            }
        }
        int[][] cols = new int[items][];
        float[][] vals = new float[items][];
        for (int i = 0; i < items; i++) {
            cols[i] = adj.get(i).stream().mapToInt(Integer::intValue).toArray();
            vals[i] = new float[cols[i].length];
            Arrays.fill(vals[i], 1f / cols[i].length);
        }
        return CsrMatrix.ofRows(items, cols, vals);
    }
}
