package dev.assocrec.functions.api;

/** How much one history item added to a recommended item's score ("because you bought X"). */
public record Contribution(String item, double contribution) {}
