package dev.assocrec.functions.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocked scan ranks and scores exactly as ReferenceScorer (bit for bit), ties and filters included. */
class BlockedScorerTest {

    @Test
    void equalsTheReferenceBitForBit() {
        // Not a whole number of blocks, and rows repeated so that equal scores must break by index.
        int rows = 3 * BlockedScorer.BLOCK + 77;
        int dims = 24;
        Random r = new Random(11);
        float[] target = new float[rows * dims];
        for (int i = 0; i < target.length; i++) {
            target[i] = (float) r.nextGaussian();
        }
        for (int copy = 0; copy < 40; copy++) {
            System.arraycopy(target, 5 * dims, target, (rows - 1 - copy * 13) * dims, dims);
        }
        EmbeddingTable t = new EmbeddingTable(rows, dims, target);
        ReferenceScorer reference = new ReferenceScorer(t, t);
        for (int threads : new int[] {1, 2, 3}) {
            BlockedScorer blocked = new BlockedScorer(t, threads);
            for (int q = 0; q < 30; q++) {
                float[] pooled = new float[dims];
                for (int j = 0; j < dims; j++) {
                    pooled[j] = (float) r.nextGaussian();
                }
                if (q % 5 == 0) {
                    // The query equals row 5: its copies tie at the top.
                    System.arraycopy(target, 5 * dims, pooled, 0, dims);
                }
                int k = 1 + r.nextInt(60);
                BitSet accepted = new BitSet(rows);
                for (int i = 0; i < rows; i++) {
                    accepted.set(i, q % 2 == 0 || r.nextInt(4) == 0);
                }
                Ranked want = reference.topK(pooled, k, accepted::get);
                Ranked got = blocked.topK(pooled, k, accepted::get);
                String what = "query " + q + ", k " + k + ", threads " + threads;
                assertArrayEquals(want.items(), got.items(), what);
                assertArrayEquals(want.scores(), got.scores(), 0f, what);
            }
        }
    }
}
