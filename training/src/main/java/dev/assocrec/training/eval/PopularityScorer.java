package dev.assocrec.training.eval;

import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import java.util.List;

/** Baseline: every user gets the items with the most train interactions. */
public final class PopularityScorer implements Scorer {
    private final float[] counts;

    public PopularityScorer(Dataset data) {
        counts = new float[data.itemCount()];
        for (UserHistory h : data.train()) {
            for (int i : h.items()) {
                counts[i]++;
            }
        }
    }

    @Override
    public String name() { return "popularity"; }

    @Override
    public void score(List<UserHistory> histories, float[] scores) {
        for (int b = 0; b < histories.size(); b++) {
            System.arraycopy(counts, 0, scores, b * counts.length, counts.length);
        }
    }
}
