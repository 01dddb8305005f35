package dev.assocrec.training.model;

/** One training epoch as the report plots it. Validation metrics are NaN on epochs not evaluated. */
public record EpochStats(int epoch, double loss, double validationRecall20, double validationNdcg20, double seconds) {}
