package dev.assocrec.training.pipeline;

import dev.assocrec.store.StorePin;
import dev.assocrec.training.util.CommandName;
import dev.assocrec.training.eval.GateVerdict;

/**
 * What a training run does with its stored version: make it current, or keep it beside the serving
 * one. {@code --force} publishes whatever the gate and the pin say (and releases the pin); otherwise a
 * pin keeps {@code current}, and without a pin the gate decides.
 *
 * @param pin the store's pin, or null when automatic runs may move {@code current}
 */
public record ReleaseDecision(GateVerdict verdict, StorePin pin, boolean force) {

    public enum Outcome {
        /** The gate passed; the version is current. */
        PUBLISHED("published"),
        /** {@code --force}: the version is current whatever the gate or the pin said. */
        FORCED("published with --force"),
        /** The gate failed; the version is stored, {@code current} unchanged. */
        HELD_BY_GATE("stored, not published: the quality gate failed"),
        /** A manual rollback pinned {@code current}; the version is stored. */
        HELD_BY_PIN("stored, not published: current is pinned");

        private final String description;

        Outcome(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public Outcome outcome() {
        if (force) {
            return Outcome.FORCED;
        }
        if (pin != null) {
            return Outcome.HELD_BY_PIN;
        }
        return verdict.passed() ? Outcome.PUBLISHED : Outcome.HELD_BY_GATE;
    }

    public boolean movesCurrent() {
        return outcome() == Outcome.PUBLISHED || outcome() == Outcome.FORCED;
    }

    /** A forced run makes a new choice for the store, so the rollback's pin no longer holds. */
    public boolean releasesPin() {
        return force && pin != null;
    }

    /** The version serving before this run, or "none". */
    public String servingBefore() {
        return verdict.serving() == null ? "none" : verdict.serving().version();
    }

    /** The one line a run prints about the gate and what it did, naming the figures and the way out. */
    public String line(String storeLocation) {
        String candidate = verdict.candidateVersion();
        String what = switch (outcome()) {
            case PUBLISHED -> "published (current " + servingBefore() + " -> " + candidate + ")";
            case FORCED -> "published with --force (current " + servingBefore() + " -> " + candidate + ")"
                    + (pin == null ? "" : "; the pin on " + pin.version() + " is released");
            case HELD_BY_GATE -> "stored, not published (current stays " + servingBefore()
                    + "; --force publishes anyway)";
            case HELD_BY_PIN -> "stored, not published: current is pinned to " + pin.version() + " (" + pin.by()
                    + ", " + pin.pinnedAt() + "); '" + CommandName.of("unpin") + " --store " + storeLocation + "' releases it";
        };
        return "gate: " + verdict.comparison() + "; " + what;
    }
}
