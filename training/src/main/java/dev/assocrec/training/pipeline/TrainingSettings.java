package dev.assocrec.training.pipeline;

import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.model.GcnConfig;

/**
 * How one run builds the graph and trains.
 *
 * @param refit after choosing the epoch count on validation, train again on train + validation
 */
public record TrainingSettings(GraphConfig graph, GcnConfig gcn, boolean refit) {}
