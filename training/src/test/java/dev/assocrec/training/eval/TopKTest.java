package dev.assocrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.assocrec.contract.TopK;
import org.junit.jupiter.api.Test;

class TopKTest {
    @Test
    void keepsBestFirstWithTiesToTheLowerIndex() {
        TopK top = new TopK(3);
        float[] scores = {0.5f, 0.9f, 0.5f, 0.1f, 0.9f, 0.7f};
        for (int i = 0; i < scores.length; i++) {
            top.offer(i, scores[i]);
        }
        float[] kept = new float[3];
        assertArrayEquals(new int[] {1, 4, 5}, top.drainBestFirst(kept));
        assertArrayEquals(new float[] {0.9f, 0.9f, 0.7f}, kept);
        top.reset();
        top.offer(2, 0.5f);
        top.offer(0, 0.5f);
        assertArrayEquals(new int[] {0, 2}, top.drainBestFirst());
    }
}
