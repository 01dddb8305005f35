package dev.assocrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import dev.assocrec.training.testdata.PlantedData;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    /** Scores item j as j itself: item 5 first, then 4, 3, ... */
    private static final Scorer BY_INDEX = new Scorer() {
        @Override
        public String name() { return "by-index"; }

        @Override
        public void score(List<UserHistory> histories, float[] scores) {
            for (int b = 0; b < histories.size(); b++) {
                for (int j = 0; j < 6; j++) {
                    scores[b * 6 + j] = j;
                }
            }
        }
    };

    @Test
    void masksKnownItemsAtTestButNotTheTestItem() {
        // User 0 knows 5 (train) and 4 (validation); ranking is then 3, 2, 1, 0 -> test item 3 at rank 1.
        // User 1 knows 0 and 1; ranking 5, 4, 3, 2 -> test item 2 at rank 4.
        Dataset d = PlantedData.of(6, new int[][] {{5}, {0}}, new int[][] {{4}, {1}}, new int[][] {{3}, {2}});
        Metrics test = new Evaluator(6, 1).evaluate(BY_INDEX, EvalTask.test(d));
        assertEquals(1.0, test.hr20());
        assertEquals((1.0 + 1 / (Math.log(5) / Math.log(2))) / 2, test.ndcg20(), 1e-9);
        // At validation only train items are masked: user 0 ranks 4 first, user 1 ranks 1 fifth.
        Metrics val = new Evaluator(6, 2).evaluate(BY_INDEX, EvalTask.validation(d));
        assertEquals((1.0 + 1 / (Math.log(6) / Math.log(2))) / 2, val.ndcg20(), 1e-9);
    }

    @Test
    void baselinesScoreAsDefined() {
        Dataset d = PlantedData.of(4, new int[][] {{0, 1}, {0, 1}, {0, 2}}, new int[][] {{}, {}, {}}, new int[][] {{}, {}, {}});
        float[] pop = new float[4];
        new PopularityScorer(d).score(List.of(d.train().get(0)), pop);
        assertEquals(3f, pop[0]);
        assertEquals(2f, pop[1]);
        assertEquals(0f, pop[3]);
        float[] knn = new float[4];
        new ItemKnnScorer(d, 10, false).score(List.of(UserHistory.ofSequence("x", new int[] {1, 2})), knn);
        // sim(0,1) = 2/sqrt(6), sim(0,2) = 1/sqrt(3), sim(1,2) = 0.
        assertEquals(2 / Math.sqrt(6) + 1 / Math.sqrt(3), knn[0], 1e-6);
        assertEquals(0f, knn[3]);
    }
}
