package dev.assocrec.training.pipeline;

import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.model.TrainedModel;
import dev.assocrec.training.report.EvaluationReport;
import java.util.Map;

/** A trained and evaluated model with everything it was made from. */
public record TrainingRun(Dataset data, ItemGraph graph, TrainedModel model, EvaluationReport report) {

    /** The same report with extra GCN variants (evaluated on the same split) as ablation rows. */
    public EvaluationReport reportWithAblations(Map<String, Metrics> ablations) {
        EvaluationReport r = report;
        return new EvaluationReport(r.dataset(), r.protocol(), r.split(), r.models(), ablations, r.curve(),
                r.bestEpoch(), r.trainSeconds(), r.graphSeconds(), r.peakMemoryMb(), r.config());
    }
}
