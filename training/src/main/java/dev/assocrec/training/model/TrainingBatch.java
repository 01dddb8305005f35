package dev.assocrec.training.model;

/**
 * One step's examples in COO form: the pooling matrix (example × item, rows sum to 1), the target
 * items per example padded to the widest row (weight 0 on padding), and the items masked out of
 * each example's softmax. With attention pooling the pool weights are the entries' explicit weights (the loss
 * adds the learned part) and each entry also has its event type (one-hot, all zero when unknown) and its age.
 */
record TrainingBatch(
        int size,
        long[] poolRows, long[] poolCols, float[] poolWeights, float[] poolTypes, float[] poolAges,
        long[] targets, float[] targetWeights, int targetWidth,
        long[] maskRows, long[] maskCols) {}
