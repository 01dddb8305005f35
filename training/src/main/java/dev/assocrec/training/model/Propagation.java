package dev.assocrec.training.model;

import dev.assocrec.training.graph.CsrMatrix;
import dev.assocrec.training.util.Parallel;

/**
 * Sparse × dense products for the GCN layers, forward and backward, in multithreaded Java (the Java
 * engine; the torch engine uses PyTorch's sparse COO matmul and autograd). The gradient is exact and
 * deterministic: the layers are linear, so d(loss)/d(input) = Σ_l (Âᵀ)^l · d(loss)/d(output) / (L+1), and
 * with layer weights (context a_l, target b_l; {@link GcnConfig#layerWeights}) Σ_l (Âᵀ)^l · (a_l g_c + b_l g_t).
 */
final class Propagation {
    private final CsrMatrix forward;
    private final CsrMatrix backward;
    private final int layers;
    /** Context and target weights per layer output; null for the plain mean on both sides. */
    private final double[] contextMix;
    private final double[] targetMix;
    /** The output has context columns, then target columns ({@link GcnConfig#splitTables}). */
    private final boolean split;
    private final int dims;

    Propagation(CsrMatrix adjacency, int layers) {
        this(adjacency, GcnConfig.defaults().toBuilder().layers(layers).separateTarget(false).build());
    }

    Propagation(CsrMatrix adjacency, GcnConfig config) {
        this.forward = adjacency;
        this.backward = adjacency.transpose();
        this.layers = config.layers();
        boolean plainMean = config.layerWeights().isEmpty() && config.targetLayerWeights().isEmpty();
        this.contextMix = plainMean ? null : config.contextMix();
        this.targetMix = plainMean ? null : config.targetMix();
        this.split = config.splitTables();
        this.dims = config.dims();
    }

    /** The layer outputs 0..L mixed, for input rows of width {@code width} (dims, or 2 × dims with a separate target). */
    float[] propagate(float[] input, int width) {
        return contextMix == null ? layerMean(forward, input, width) : mixForward(input, width);
    }

    /** The gradient with respect to the input, given the gradient with respect to the output. */
    float[] backpropagate(float[] gradOutput, int width) {
        return contextMix == null ? layerMean(backward, gradOutput, width) : mixBackward(gradOutput, width);
    }

    private int outWidth() {
        return split ? 2 * dims : dims;
    }

    private float[] mixForward(float[] x, int width) {
        float[] out = new float[forward.rows() * outWidth()];
        float[] current = x;
        addMixed(out, current, width, 0);
        for (int l = 1; l <= layers; l++) {
            current = multiply(forward, current, width);
            addMixed(out, current, width, l);
        }
        return out;
    }

    /** out += layer l's output h, its context columns × a_l and its target columns × b_l. */
    private void addMixed(float[] out, float[] h, int width, int l) {
        float a = (float) contextMix[l];
        float b = (float) targetMix[l];
        int ow = outWidth();
        int targetOffset = width == dims ? 0 : dims;
        Parallel.forChunks(forward.rows(), 1024, () -> (from, to) -> {
            for (int i = from; i < to; i++) {
                int hb = i * width;
                int ob = i * ow;
                for (int j = 0; j < dims; j++) {
                    out[ob + j] += a * h[hb + j];
                }
                if (split) {
                    for (int j = 0; j < dims; j++) {
                        out[ob + dims + j] += b * h[hb + targetOffset + j];
                    }
                }
            }
        });
    }

    /** Σ_l (Âᵀ)^l y_l by Horner's rule, y_l the output gradient weighted as layer l entered the output. */
    private float[] mixBackward(float[] g, int width) {
        float[] z = layerGradient(g, width, layers);
        for (int l = layers - 1; l >= 0; l--) {
            float[] next = multiply(backward, z, width);
            float[] y = layerGradient(g, width, l);
            Parallel.forChunks(next.length, 1 << 16, () -> (from, to) -> {
                for (int i = from; i < to; i++) {
                    next[i] += y[i];
                }
            });
            z = next;
        }
        return z;
    }

    /** d(output)/d(layer l's output)ᵀ g: the transpose of {@link #addMixed}'s map. */
    private float[] layerGradient(float[] g, int width, int l) {
        float a = (float) contextMix[l];
        float b = (float) targetMix[l];
        int ow = outWidth();
        int targetOffset = width == dims ? 0 : dims;
        float[] y = new float[forward.rows() * width];
        Parallel.forChunks(forward.rows(), 1024, () -> (from, to) -> {
            for (int i = from; i < to; i++) {
                int yb = i * width;
                int gb = i * ow;
                for (int j = 0; j < dims; j++) {
                    y[yb + j] += a * g[gb + j];
                }
                if (split) {
                    for (int j = 0; j < dims; j++) {
                        y[yb + targetOffset + j] += b * g[gb + dims + j];
                    }
                }
            }
        });
        return y;
    }

    private float[] layerMean(CsrMatrix m, float[] x, int width) {
        float[] sum = x.clone();
        float[] current = x;
        for (int l = 0; l < layers; l++) {
            current = multiply(m, current, width);
            float[] c = current;
            Parallel.forChunks(sum.length, 1 << 16, () -> (from, to) -> {
                for (int i = from; i < to; i++) {
                    sum[i] += c[i];
                }
            });
        }
        if (layers > 0) {
            float inv = 1f / (layers + 1);
            for (int i = 0; i < sum.length; i++) {
                sum[i] *= inv;
            }
        }
        return sum;
    }

    /** m (rows × cols, CSR) times x (cols × width, row-major). */
    static float[] multiply(CsrMatrix m, float[] x, int width) {
        float[] out = new float[m.rows() * width];
        Parallel.forChunks(m.rows(), 256, () -> (from, to) -> {
            for (int r = from; r < to; r++) {
                int ob = r * width;
                for (int k = m.rowStart(r); k < m.rowEnd(r); k++) {
                    float v = m.valueAt(k);
                    int xb = m.colAt(k) * width;
                    for (int j = 0; j < width; j++) {
                        out[ob + j] += v * x[xb + j];
                    }
                }
            }
        });
        return out;
    }
}
