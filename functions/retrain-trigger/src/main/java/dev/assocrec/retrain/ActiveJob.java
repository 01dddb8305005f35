package dev.assocrec.retrain;

/** A training job that is queued or running. */
public record ActiveJob(String jobId, String status) {}
