package dev.assocrec.training.model;

import dev.assocrec.training.graph.CsrMatrix;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.util.Parallel;

/**
 * The {@link GcnConfig.Layer#SAGE} layers in Java with their hand-written backward (the torch engine uses
 * autograd on the same function): h_{l+1} = h_l·S_l + (N h_l)·W_l, the table the mean of h_0..h_L. The
 * weights are one flat array, layer l's S_l then W_l, each width × width row-major, so that Adam and
 * averaging treat them like any other parameter array.
 */
final class SageLayers {
    private final CsrMatrix neighbours;
    private final CsrMatrix neighboursT;
    private final int layers;
    private final int width;

    SageLayers(CsrMatrix neighbours, int layers, int width) {
        this.neighbours = neighbours;
        this.neighboursT = neighbours.transpose();
        this.layers = layers;
        this.width = width;
    }

    /** The graph's normalised adjacency without its diagonal: each item's neighbours, never itself. */
    static CsrMatrix neighbours(ItemGraph graph) {
        CsrMatrix m = graph.normalized();
        int[][] cols = new int[m.rows()][];
        float[][] vals = new float[m.rows()][];
        for (int r = 0; r < m.rows(); r++) {
            int n = 0;
            for (int k = m.rowStart(r); k < m.rowEnd(r); k++) {
                n += m.colAt(k) != r ? 1 : 0;
            }
            cols[r] = new int[n];
            vals[r] = new float[n];
            int i = 0;
            for (int k = m.rowStart(r); k < m.rowEnd(r); k++) {
                if (m.colAt(k) != r) {
                    cols[r][i] = m.colAt(k);
                    vals[r][i++] = m.valueAt(k);
                }
            }
        }
        return CsrMatrix.ofRows(m.cols(), cols, vals);
    }

    /** The starting weights: S_l = 0, W_l = I (propagation over the neighbours, as GCN does without self-loops). */
    static float[] initialWeights(int layers, int width) {
        float[] w = new float[layers * 2 * width * width];
        for (int l = 0; l < layers; l++) {
            int neighbour = (2 * l + 1) * width * width;
            for (int j = 0; j < width; j++) {
                w[neighbour + j * width + j] = 1f;
            }
        }
        return w;
    }

    /** What the backward needs of a forward pass: every layer's input h_l and its neighbour mean N h_l. */
    record Pass(float[] table, float[][] inputs, float[][] neighbourMeans) {}

    Pass forward(float[] input, float[] weights) {
        float[][] h = new float[layers + 1][];
        float[][] a = new float[layers][];
        h[0] = input;
        float[] sum = input.clone();
        for (int l = 0; l < layers; l++) {
            a[l] = Propagation.multiply(neighbours, h[l], width);
            float[] next = times(h[l], weights, selfOffset(l), false);
            addTimes(next, a[l], weights, neighbourOffset(l), false);
            h[l + 1] = next;
            for (int i = 0; i < sum.length; i++) {
                sum[i] += next[i];
            }
        }
        float inv = 1f / (layers + 1);
        for (int i = 0; i < sum.length; i++) {
            sum[i] *= inv;
        }
        return new Pass(sum, h, a);
    }

    /** d(loss)/d(input) and d(loss)/d(weights) from d(loss)/d(table). */
    Gradients backward(Pass pass, float[] weights, float[] tableGradient) {
        float inv = 1f / (layers + 1);
        float[] share = new float[tableGradient.length];
        for (int i = 0; i < share.length; i++) {
            share[i] = tableGradient[i] * inv;
        }
        float[] weightGradient = new float[weights.length];
        float[] g = share.clone(); // d(loss)/d(h_L)
        for (int l = layers - 1; l >= 0; l--) {
            outer(pass.inputs()[l], g, weightGradient, selfOffset(l));
            outer(pass.neighbourMeans()[l], g, weightGradient, neighbourOffset(l));
            float[] throughNeighbours = times(g, weights, neighbourOffset(l), true);
            float[] previous = times(g, weights, selfOffset(l), true);
            float[] back = Propagation.multiply(neighboursT, throughNeighbours, width);
            for (int i = 0; i < previous.length; i++) {
                previous[i] += back[i] + share[i];
            }
            g = previous;
        }
        return new Gradients(g, weightGradient);
    }

    record Gradients(float[] input, float[] weights) {}

    private int selfOffset(int layer) {
        return 2 * layer * width * width;
    }

    private int neighbourOffset(int layer) {
        return (2 * layer + 1) * width * width;
    }

    /** x (rows × width) times the width × width matrix at {@code offset} of {@code w}, or its transpose. */
    private float[] times(float[] x, float[] w, int offset, boolean transpose) {
        float[] out = new float[x.length];
        addTimes(out, x, w, offset, transpose);
        return out;
    }

    private void addTimes(float[] out, float[] x, float[] w, int offset, boolean transpose) {
        int rows = x.length / width;
        int d = width;
        float[] m = w;
        int base = offset;
        if (transpose) {
            // Transposed once, so that the row loop below reads both operands in order.
            m = new float[d * d];
            base = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    m[j * d + i] = w[offset + i * d + j];
                }
            }
        }
        float[] matrix = m;
        int start = base;
        Parallel.forChunks(rows, 256, () -> (from, to) -> {
            for (int r = from; r < to; r++) {
                int xb = r * d;
                for (int k = 0; k < d; k++) {
                    float v = x[xb + k];
                    if (v == 0f) {
                        continue;
                    }
                    int wb = start + k * d;
                    for (int j = 0; j < d; j++) {
                        out[xb + j] += v * matrix[wb + j];
                    }
                }
            }
        });
    }

    /** Adds xᵀ g (width × width) to the matrix at {@code offset} of {@code out}. */
    private void outer(float[] x, float[] g, float[] out, int offset) {
        int rows = x.length / width;
        int d = width;
        int block = 1024;
        // One partial sum per fixed block of rows, added in block order: the same sums whatever the threads do.
        float[][] partial = new float[(rows + block - 1) / block][];
        Parallel.forChunks(rows, block, () -> (from, to) -> {
            float[] acc = new float[d * d];
            for (int r = from; r < to; r++) {
                int b = r * d;
                for (int k = 0; k < d; k++) {
                    float v = x[b + k];
                    if (v == 0f) {
                        continue;
                    }
                    int ab = k * d;
                    for (int j = 0; j < d; j++) {
                        acc[ab + j] += v * g[b + j];
                    }
                }
            }
            partial[from / block] = acc;
        });
        for (float[] p : partial) {
            for (int i = 0; i < d * d; i++) {
                out[offset + i] += p[i];
            }
        }
    }
}
