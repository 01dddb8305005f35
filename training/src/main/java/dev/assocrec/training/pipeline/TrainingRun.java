package dev.assocrec.training.pipeline;

import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.model.TrainedModel;
import dev.assocrec.training.report.EvaluationReport;

/** A trained and evaluated model with everything it was made from. */
public record TrainingRun(Dataset data, ItemGraph graph, TrainedModel model, EvaluationReport report) {}
