package dev.assocrec.training.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.store.StorePin;
import dev.assocrec.training.eval.GateVerdict;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.eval.QualityGate;
import dev.assocrec.training.pipeline.ReleaseDecision.Outcome;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Force over pin over gate, and the one line that says which decided. */
class ReleaseDecisionTest {
    private static final StorePin PIN = new StorePin("v1", Instant.parse("2026-12-01T08:00:00Z"), "rollback by ops");

    private static GateVerdict verdict(double candidate) {
        return new QualityGate(0.02).judge("v3", Map.of("gcn", ndcg(candidate), "popularity", ndcg(0.01)),
                new GateVerdict.Serving("v2", ndcg(0.05)));
    }

    private static Metrics ndcg(double v) {
        return new Metrics(0, 0, 0, 0, v, 0, 10);
    }

    @Test
    void theGateDecidesWhenNothingIsPinned() {
        ReleaseDecision pass = new ReleaseDecision(verdict(0.06), null, false);
        assertEquals(Outcome.PUBLISHED, pass.outcome());
        assertTrue(pass.movesCurrent());
        assertEquals("gate: candidate v3 NDCG@20 0.0600 >= serving v2 0.0500 x (1 - 0.02) = 0.0490 and > popularity "
                + "0.0100; published (current v2 -> v3)", pass.line("s3://b"));

        ReleaseDecision fail = new ReleaseDecision(verdict(0.04), null, false);
        assertEquals(Outcome.HELD_BY_GATE, fail.outcome());
        assertFalse(fail.movesCurrent());
        assertEquals("gate: candidate v3 NDCG@20 0.0400 < serving v2 0.0500 x (1 - 0.02) = 0.0490 and > popularity "
                + "0.0100; stored, not published (current stays v2; --force publishes anyway)", fail.line("s3://b"));
    }

    @Test
    void aPinHoldsEvenAPassingCandidate() {
        ReleaseDecision pinned = new ReleaseDecision(verdict(0.06), PIN, false);
        assertEquals(Outcome.HELD_BY_PIN, pinned.outcome());
        assertFalse(pinned.movesCurrent());
        assertFalse(pinned.releasesPin());
        assertTrue(pinned.line("s3://b").endsWith("; stored, not published: current is pinned to v1 (rollback by ops, "
                + "2026-12-01T08:00:00Z); 'assocrec unpin --store s3://b' releases it"), pinned.line("s3://b"));
    }

    @Test
    void forcePublishesWhateverTheGateAndThePinSay() {
        ReleaseDecision forced = new ReleaseDecision(verdict(0.001), PIN, true);
        assertEquals(Outcome.FORCED, forced.outcome());
        assertTrue(forced.movesCurrent());
        assertTrue(forced.releasesPin());
        assertTrue(forced.line("s3://b").endsWith("; published with --force (current v2 -> v3); the pin on v1 is released"),
                forced.line("s3://b"));
        assertFalse(new ReleaseDecision(verdict(0.001), null, true).releasesPin(), "nothing to release");
    }
}
