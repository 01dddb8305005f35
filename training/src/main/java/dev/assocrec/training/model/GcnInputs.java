package dev.assocrec.training.model;

import dev.assocrec.training.graph.CsrMatrix;
import java.util.Arrays;
import java.util.Random;

/**
 * The initial parameters both engines start from, drawn from the seed in one order, and the
 * attribute-mean matrix that turns attribute embeddings into item inputs.
 *
 * @param width          columns of every table (context, then target when they are separate)
 * @param ids            items × width ID embeddings, row-major
 * @param attributes     attributes × width attribute embeddings; null when items have no attributes
 * @param attributeMean  items × attributes, row i averages item i's attributes; null with {@code attributes}
 */
record GcnInputs(int width, float[] ids, float[] attributes, CsrMatrix attributeMean) {

    static GcnInputs initial(int items, int[][] itemAttributes, int attributeCount, GcnConfig config) {
        int width = config.separateTarget() ? 2 * config.dims() : config.dims();
        Random random = new Random(config.seed());
        float[] ids = gaussian(items * width, random);
        boolean attributes = config.useAttributes() && attributeCount > 0
                && Arrays.stream(itemAttributes).anyMatch(a -> a.length > 0);
        if (!attributes) {
            return new GcnInputs(width, ids, null, null);
        }
        return new GcnInputs(width, ids, gaussian(attributeCount * width, random),
                attributeMeanMatrix(itemAttributes, attributeCount));
    }

    boolean hasAttributes() {
        return attributes != null;
    }

    private static float[] gaussian(int n, Random random) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextGaussian() * 0.1);
        }
        return out;
    }

    /** Row i averages the embeddings of item i's attributes (an empty row when it has none). */
    private static CsrMatrix attributeMeanMatrix(int[][] itemAttributes, int attributeCount) {
        int[][] cols = new int[itemAttributes.length][];
        float[][] vals = new float[itemAttributes.length][];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = Arrays.stream(itemAttributes[i]).distinct().toArray();
            vals[i] = new float[cols[i].length];
            Arrays.fill(vals[i], 1f / Math.max(1, cols[i].length));
        }
        return CsrMatrix.ofRows(attributeCount, cols, vals);
    }
}
