package dev.assocrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QualityGateTest {
    private static final QualityGate GATE = new QualityGate(0.02);

    static Metrics ndcg(double ndcg20) {
        return new Metrics(0, 0, 0, 0, ndcg20, 0, 100);
    }

    private static GateVerdict judge(double candidate, double popularity, double serving) {
        return GATE.judge("v2", Map.of("gcn", ndcg(candidate), "popularity", ndcg(popularity), "itemknn", ndcg(0)),
                new GateVerdict.Serving("v1", ndcg(serving)));
    }

    @Test
    void candidateAtTheToleratedThresholdPassesAndJustBelowFails() {
        assertEquals(0.049, judge(0.049, 0.01, 0.05).threshold(), 1e-12);
        assertTrue(judge(0.049, 0.01, 0.05).passed(), "exactly serving x (1 - tolerance) is enough");
        GateVerdict below = judge(0.0489, 0.01, 0.05);
        assertFalse(below.passed());
        assertFalse(below.reachesServing());
        assertEquals("candidate v2 NDCG@20 0.0489 < serving v1 0.0500 x (1 - 0.02) = 0.0490 and > popularity 0.0100",
                below.comparison());
        assertTrue(judge(0.07, 0.01, 0.05).passed(), "better than serving");
    }

    @Test
    void candidateMustBeatPopularityEvenWhenItMatchesServing() {
        GateVerdict v = judge(0.03, 0.03, 0.03);
        assertTrue(v.reachesServing());
        assertFalse(v.beatsPopularity(), "equal to popularity is not above it");
        assertFalse(v.passed());
        assertEquals("candidate v2 NDCG@20 0.0300 >= serving v1 0.0300 x (1 - 0.02) = 0.0294 and <= popularity 0.0300",
                v.comparison());
    }

    @Test
    void withoutAServingVersionOnlyPopularityCounts() {
        GateVerdict first = GATE.judge("v1", Map.of("gcn", ndcg(0.02), "popularity", ndcg(0.01)), null);
        assertTrue(first.passed());
        assertTrue(Double.isNaN(first.threshold()));
        assertEquals("candidate v1 NDCG@20 0.0200 > popularity 0.0100 (no serving version to compare with)",
                first.comparison());
        assertFalse(GATE.judge("v1", Map.of("gcn", ndcg(0.01), "popularity", ndcg(0.02)), null).passed());
    }

    @Test
    void zeroToleranceAsksForAtLeastTheServingFigure() {
        QualityGate strict = new QualityGate(0);
        Map<String, Metrics> run = Map.of("gcn", ndcg(0.0499), "popularity", ndcg(0.01));
        assertFalse(strict.judge("v2", run, new GateVerdict.Serving("v1", ndcg(0.05))).passed());
        assertTrue(strict.judge("v2", run, new GateVerdict.Serving("v1", ndcg(0.0499))).passed());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
    void toleranceOutsideZeroToOneIsRefused(double tolerance) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QualityGate(tolerance));
        assertTrue(e.getMessage().startsWith("must be between 0 and 1"), e.getMessage());
    }

    @Test
    void aRunWithoutAPopularityRowCannotBeJudged() {
        assertThrows(IllegalArgumentException.class, () -> GATE.judge("v2", Map.of("gcn", ndcg(0.1)), null));
    }
}
