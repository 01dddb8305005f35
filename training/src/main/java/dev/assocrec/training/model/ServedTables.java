package dev.assocrec.training.model;

import dev.assocrec.contract.EmbeddingTable;

/** The served context and target tables of a propagated items × width matrix, whichever engine made it. */
final class ServedTables {
    private ServedTables() {}

    /**
     * Context rows as propagated times the context scale; target rows (the second half of each row with
     * split tables, {@link GcnConfig#splitTables}) unit length unless unitTargets is off.
     */
    static EmbeddingTable[] of(float[] propagated, int items, ContextScale contextScale, GcnConfig config) {
        int d = config.dims();
        int width = config.splitTables() ? 2 * d : d;
        float[] ctx = new float[items * d];
        float[] tgt = new float[items * d];
        int offset = config.splitTables() ? d : 0;
        for (int i = 0; i < items; i++) {
            float s = contextScale.factor(i);
            for (int j = 0; j < d; j++) {
                ctx[i * d + j] = propagated[i * width + j] * s;
            }
            double norm = 0;
            for (int j = 0; j < d; j++) {
                float v = propagated[i * width + offset + j];
                norm += (double) v * v;
            }
            float inv = config.unitTargets() ? (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12)) : 1f;
            for (int j = 0; j < d; j++) {
                tgt[i * d + j] = propagated[i * width + offset + j] * inv;
            }
        }
        return new EmbeddingTable[] {new EmbeddingTable(items, d, ctx), new EmbeddingTable(items, d, tgt)};
    }
}
