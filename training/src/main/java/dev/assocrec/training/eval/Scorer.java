package dev.assocrec.training.eval;

import dev.assocrec.training.data.UserHistory;
import java.util.List;

/** Anything that scores every item for a batch of user histories: the GCN and the baselines. */
public interface Scorer {
    String name();

    /**
     * Fills {@code scores[b * itemCount + j]} with the score of item j for {@code histories.get(b)};
     * higher is better. The evaluator masks the history itself, so scorers need not.
     */
    void score(List<UserHistory> histories, float[] scores);
}
