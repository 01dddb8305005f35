package dev.assocrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    private static int[] ranking(int... firstItems) {
        int[] r = new int[20];
        for (int i = 0; i < 20; i++) {
            r[i] = 100 + i;
        }
        System.arraycopy(firstItems, 0, r, 0, firstItems.length);
        return r;
    }

    @Test
    void singleHeldOutItemAtRankThree() {
        RankingMetrics m = new RankingMetrics();
        m.add(ranking(1, 2, 7), new int[] {7});
        Metrics r = m.result();
        assertEquals(1.0, r.hr20());
        assertEquals(1.0, r.recall10());
        assertEquals(1 / (Math.log(4) / Math.log(2)), r.ndcg20(), 1e-12);
    }

    @Test
    void recallDividesByHeldOutAndIdealDcgIsCappedAtK() {
        RankingMetrics m = new RankingMetrics();
        int[] heldOut = new int[25];
        for (int i = 0; i < 25; i++) {
            heldOut[i] = 200 + i;
        }
        int[] r = ranking(200, 1, 201);
        m.add(r, heldOut);
        Metrics x = m.result();
        assertEquals(2 / 25.0, x.recall20(), 1e-12);
        double dcg = 1 + 1 / (Math.log(4) / Math.log(2));
        double idcg = 0;
        for (int i = 0; i < 20; i++) {
            idcg += 1 / (Math.log(i + 2) / Math.log(2));
        }
        assertEquals(dcg / idcg, x.ndcg20(), 1e-12);
        double idcg10 = 0;
        for (int i = 0; i < 10; i++) {
            idcg10 += 1 / (Math.log(i + 2) / Math.log(2));
        }
        assertEquals(dcg / idcg10, x.ndcg10(), 1e-12);
    }

    @Test
    void hitBeyondTenCountsOnlyAtTwenty() {
        RankingMetrics m = new RankingMetrics();
        int[] r = ranking();
        r[14] = 9;
        m.add(r, new int[] {9});
        m.add(ranking(), new int[] {8});
        Metrics x = m.result();
        assertEquals(2, x.users());
        assertEquals(0.5, x.hr20());
        assertEquals(0.0, x.hr10());
        assertEquals(0.5 / (Math.log(16) / Math.log(2)), x.ndcg20(), 1e-12);
    }

    @Test
    void usersWithoutHeldOutItemsAreSkipped() {
        RankingMetrics m = new RankingMetrics();
        m.add(ranking(1), new int[0]);
        m.add(ranking(1), new int[] {1});
        assertEquals(1, m.result().users());
        assertEquals(1.0, m.result().recall20());
    }
}
