package dev.assocrec.training.model;

/**
 * One step's examples in COO form: the pooling matrix (example × item, rows sum to 1), the target
 * items per example padded to the widest row (weight 0 on padding), and the items masked out of
 * each example's softmax.
 */
record TrainingBatch(
        int size,
        long[] poolRows, long[] poolCols, float[] poolWeights,
        long[] targets, float[] targetWeights, int targetWidth,
        long[] maskRows, long[] maskCols) {}
