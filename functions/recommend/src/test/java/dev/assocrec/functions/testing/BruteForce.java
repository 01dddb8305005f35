package dev.assocrec.functions.testing;

import dev.assocrec.contract.EmbeddingTable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The test oracle: pools in double precision, scores every item, sorts. Written independently of the
 * serving code (and of ReferenceScorer, which serving uses) so that it can disagree with both.
 */
public final class BruteForce {
    private BruteForce() {}

    public record Answer(int[] items, double[] scores) {}

    public static double[] pool(EmbeddingTable context, int[] history, float[] weights) {
        int d = context.dims();
        double[] pooled = new double[d];
        double total = 0;
        for (int i = 0; i < history.length; i++) {
            total += weights[i];
            for (int j = 0; j < d; j++) {
                pooled[j] += weights[i] * (double) context.get(history[i], j);
            }
        }
        for (int j = 0; j < d; j++) {
            pooled[j] /= total;
        }
        return pooled;
    }

    public static double score(EmbeddingTable target, double[] pooled, int item) {
        double s = 0;
        for (int j = 0; j < pooled.length; j++) {
            s += pooled[j] * target.get(item, j);
        }
        return s;
    }

    public static Answer topK(EmbeddingTable context, EmbeddingTable target, int[] history, float[] weights, int k,
                              IntPredicate accept) {
        double[] pooled = pool(context, history, weights);
        double[] all = new double[target.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = score(target, pooled, i);
        }
        int[] items = IntStream.range(0, target.rows()).filter(accept).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -all[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
        return new Answer(items, Arrays.stream(items).mapToDouble(i -> all[i]).toArray());
    }
}
