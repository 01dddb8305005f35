package dev.assocrec.training.eval;

import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import dev.assocrec.training.graph.CosineCooccurrence;
import dev.assocrec.training.graph.CsrMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Baseline: item-kNN on cosine co-occurrence of the train histories; a user's score for item j is
 * the sum of j's similarities to the user's history items (each item's top neighbours kept).
 */
public final class ItemKnnScorer implements Scorer {
    private final CsrMatrix similarity;

    public ItemKnnScorer(Dataset data, int neighbours, boolean progress) {
        List<int[]> sets = new ArrayList<>(data.userCount());
        for (UserHistory h : data.train()) {
            sets.add(Arrays.stream(h.items()).distinct().toArray());
        }
        similarity = CosineCooccurrence.topK(sets, null, data.itemCount(), neighbours, "item-kNN", progress);
    }

    @Override
    public String name() { return "itemknn"; }

    @Override
    public void score(List<UserHistory> histories, float[] scores) {
        int n = similarity.rows();
        Arrays.fill(scores, 0, histories.size() * n, 0f);
        for (int b = 0; b < histories.size(); b++) {
            int offset = b * n;
            for (int h : Arrays.stream(histories.get(b).items()).distinct().toArray()) {
                for (int k = similarity.rowStart(h); k < similarity.rowEnd(h); k++) {
                    scores[offset + similarity.colAt(k)] += similarity.valueAt(k);
                }
            }
        }
    }
}
