package dev.assocrec.training.model;

import dev.assocrec.training.graph.CsrMatrix;
import dev.assocrec.training.util.Parallel;

/**
 * Sparse × dense products for the GCN layers, forward and backward, in multithreaded Java (the Java
 * engine; the torch engine uses PyTorch's sparse COO matmul and autograd). The gradient is exact and
 * deterministic: the layers are linear, so d(loss)/d(input) = Σ_l (Âᵀ)^l · d(loss)/d(output) / (L+1).
 */
final class Propagation {
    private final CsrMatrix forward;
    private final CsrMatrix backward;
    private final int layers;

    Propagation(CsrMatrix adjacency, int layers) {
        this.forward = adjacency;
        this.backward = adjacency.transpose();
        this.layers = layers;
    }

    /** Mean of the layer outputs 0..L for input rows of width {@code width}. */
    float[] propagate(float[] input, int width) {
        return layerMean(forward, input, width);
    }

    /** The gradient with respect to the input, given the gradient with respect to the layer mean. */
    float[] backpropagate(float[] gradOutput, int width) {
        return layerMean(backward, gradOutput, width);
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
