package dev.assocrec.functions.scoring;

import dev.assocrec.contract.EmbeddingTable;

/**
 * Another table for {@link QuantizedScan}'s coarse pass to read instead of the target table, whose scores bound every
 * item's true score from above, so that the certificate holds unchanged. Serving reads the target table itself; the
 * kernel profile (functions/bench) measures its low-rank form ({@code LowRankProjection}) through this.
 */
interface CoarseProjection {
    /** One row per item of the target table, what the coarse pass quantises. */
    EmbeddingTable augmented();

    /** The query against {@link #augmented()} for a pooled vector: a·row bounds pooled·target row from above. */
    double[] query(float[] pooled);
}
