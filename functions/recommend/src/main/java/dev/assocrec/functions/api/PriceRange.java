package dev.assocrec.functions.api;

/** Inclusive price bounds; either may be absent. Items without a price never pass a price filter. */
public record PriceRange(Double min, Double max) {}
