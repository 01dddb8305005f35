package dev.assocrec.training.model;

import dev.assocrec.training.graph.CsrMatrix;

/**
 * The Java engine's parameters → propagated table map and its hand-written backward. The map is linear:
 * table = P(ids + M·attributes) with P the layer mean of {@link Propagation} and M the attribute-mean
 * matrix, so the gradients are Pᵀg for the IDs and Mᵀ Pᵀg for the attributes.
 */
final class LinearGcn {
    private final Propagation propagation;
    private final CsrMatrix attributeMean;
    private final CsrMatrix attributeMeanT;
    private final int width;

    /** @param attributeMean items × attributes, or null when the model has no attribute embeddings */
    /** @param propagation the GCN layers, or null when another layer stack follows {@link #input} */
    LinearGcn(Propagation propagation, CsrMatrix attributeMean, int width) {
        this.propagation = propagation;
        this.attributeMean = attributeMean;
        this.attributeMeanT = attributeMean == null ? null : attributeMean.transpose();
        this.width = width;
    }

    /** Layer-averaged embeddings, items × width (context columns first, then target columns). */
    float[] forward(float[] ids, float[] attributes) {
        return propagation.propagate(input(ids, attributes), width);
    }

    /** The layers' input ids + M·attributes (the ids themselves without attributes). */
    float[] input(float[] ids, float[] attributes) {
        float[] in = ids;
        if (attributeMean != null) {
            in = Propagation.multiply(attributeMean, attributes, width);
            for (int i = 0; i < in.length; i++) {
                in[i] += ids[i];
            }
        }
        return in;
    }

    /** d(loss)/d(ids) and d(loss)/d(attributes) (null without attributes) from d(loss)/d(table). */
    Gradients backward(float[] tableGradient) {
        return inputBackward(propagation.backpropagate(tableGradient, width));
    }

    /** The gradients of ids and attributes from d(loss)/d(input) (what any layer stack's backward returns). */
    Gradients inputBackward(float[] inputGradient) {
        float[] attributes = attributeMean == null ? null : Propagation.multiply(attributeMeanT, inputGradient, width);
        return new Gradients(inputGradient, attributes);
    }

    record Gradients(float[] ids, float[] attributes) {}
}
