package dev.assocrec.training.report;

import dev.assocrec.training.eval.GateVerdict;

/**
 * The report's quality-gate section: the figures the gate compared and what the run did with the
 * version.
 *
 * @param decision e.g. "published" or "stored, not published: the quality gate failed"
 * @param line     the one line the run printed about it
 */
public record GateSection(GateVerdict verdict, String decision, String line) {}
