package dev.assocrec.training.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import dev.assocrec.training.eval.EvalTask;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.graph.ItemGraphBuilder;
import dev.assocrec.training.model.EpochListener;
import dev.assocrec.training.model.GcnConfig;
import dev.assocrec.training.model.GcnTrainer;
import dev.assocrec.training.model.TrainedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the GCN with validation-based early stopping and, when asked, refits it on train +
 * validation for the chosen number of epochs (the test split stays unseen either way).
 */
public final class GcnFitting {
    private final boolean progressBars;
    private final StepLog log;

    public GcnFitting(StepLog log, boolean progressBars) {
        this.log = log;
        this.progressBars = progressBars;
    }

    public TrainedModel fit(Dataset data, ItemGraph graph, GcnConfig config, boolean refit) {
        EpochListener epochs = s -> log.info("epoch %d: loss %.4f, validation R@20 %.4f N@20 %.4f, %.1f s",
                s.epoch(), s.loss(), s.validationRecall20(), s.validationNdcg20(), s.seconds());
        TrainedModel selected = new GcnTrainer(config, progressBars).train(data, graph, epochs);
        ObjectNode record = ((ObjectNode) selected.config()).deepCopy();
        record.put("refitOnTrainPlusValidation", refit);
        if (!refit) {
            return new TrainedModel(selected.context(), selected.target(), selected.pooling(), selected.epochs(),
                    selected.bestEpoch(), selected.trainSeconds(), record);
        }
        log.info("refit on train + validation for the chosen %d epoch(s)", selected.bestEpoch());
        Dataset all = withValidationInTrain(data);
        ItemGraph fullGraph = new ItemGraphBuilder(graph.config(), progressBars).build(all);
        GcnConfig fixed = config.toBuilder().maxEpochs(selected.bestEpoch()).build();
        TrainedModel refitted = new GcnTrainer(fixed, progressBars).train(all, fullGraph,
                s -> log.info("refit epoch %d: loss %.4f, %.1f s", s.epoch(), s.loss(), s.seconds()));
        return new TrainedModel(refitted.context(), refitted.target(), refitted.pooling(), selected.epochs(),
                selected.bestEpoch(), selected.trainSeconds() + refitted.trainSeconds(), record);
    }

    /** Validation items appended to train, no validation left (a refit on all known items). */
    public static Dataset withValidationInTrain(Dataset d) {
        List<UserHistory> train = new ArrayList<>(d.userCount());
        int[][] empty = new int[d.userCount()][];
        for (int u = 0; u < d.userCount(); u++) {
            train.add(EvalTask.append(d.train().get(u), d.validation()[u], d.pooling()));
            empty[u] = new int[0];
        }
        return new Dataset(d.catalog(), d.itemAttributes(), d.attributeNames(), train, empty, d.test(), d.pooling(),
                d.protocol(), d.provenance());
    }
}
