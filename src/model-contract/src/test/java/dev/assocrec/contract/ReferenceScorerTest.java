package dev.assocrec.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReferenceScorerTest {

    private static EmbeddingTable random(int rows, int dims, long seed) {
        Random r = new Random(seed);
        float[] d = new float[rows * dims];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return new EmbeddingTable(rows, dims, d);
    }

    @Test
    void poolsAsWeightedMeanOfContextRows() {
        EmbeddingTable ctx = new EmbeddingTable(3, 2, new float[] {1, 0, 0, 1, 2, 2});
        ReferenceScorer s = new ReferenceScorer(ctx, ctx);
        assertArrayEquals(new float[] {0.75f, 0.25f}, s.pool(new int[] {0, 1}, new float[] {3, 1}), 1e-6f);
        assertArrayEquals(new float[] {0f, 0f}, s.pool(new int[] {0}, new float[] {0}), 0f);
    }

    @Test
    void topKMatchesAFullSortAndExcludesHistory() {
        EmbeddingTable ctx = random(500, 8, 1);
        EmbeddingTable tgt = random(500, 8, 2);
        ReferenceScorer s = new ReferenceScorer(ctx, tgt);
        int[] history = {4, 17, 17, 230};
        float[] weights = {1, 2, 0.5f, 1};
        ReferenceScorer.Ranked top = s.topK(history, weights, 25);

        float[] pooled = s.pool(history, weights);
        int[] expected = IntStream.range(0, 500).filter(i -> i != 4 && i != 17 && i != 230).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -s.score(pooled, i)).thenComparingInt(i -> i))
                .limit(25).mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expected, top.items());
        for (int i = 0; i < top.items().length; i++) {
            assertEquals(s.score(pooled, top.items()[i]), top.scores()[i], 0f);
        }
    }

    @Test
    void contributionsSumToTheScore() {
        EmbeddingTable ctx = random(50, 4, 3);
        EmbeddingTable tgt = random(50, 4, 4);
        ReferenceScorer s = new ReferenceScorer(ctx, tgt);
        int[] history = {1, 2, 3};
        float[] w = {1, 3, 4};
        float total = 8;
        float[] pooled = s.pool(history, w);
        double sum = 0;
        for (int i = 0; i < history.length; i++) {
            sum += s.contribution(history[i], w[i] / total, 10);
        }
        assertEquals(s.score(pooled, 10), sum, 1e-5);
    }

    @Test
    void kLargerThanTheCandidatesReturnsAllCandidates() {
        ReferenceScorer s = new ReferenceScorer(random(5, 3, 5), random(5, 3, 6));
        ReferenceScorer.Ranked top = s.topK(new int[] {0, 1}, new float[] {1, 1}, 10);
        assertEquals(3, top.items().length);
        int[] sorted = top.items().clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {2, 3, 4}, sorted);
    }
}
