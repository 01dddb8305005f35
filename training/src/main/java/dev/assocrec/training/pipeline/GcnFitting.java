package dev.assocrec.training.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import dev.assocrec.training.eval.EvalTask;
import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.graph.ItemGraphBuilder;
import dev.assocrec.training.model.EpochListener;
import dev.assocrec.training.model.GcnConfig;
import dev.assocrec.training.model.GcnTrainer;
import dev.assocrec.training.model.PopularityTilt;
import dev.assocrec.training.model.TrainedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the GCN with validation-based early stopping and, when asked, refits it on train +
 * validation for the chosen number of epochs (the test split stays unseen either way). A refit can
 * also take its epoch count from an earlier selection run ({@link #refitFor}), which skips the
 * selection and its per-epoch validation scoring.
 */
public final class GcnFitting {
    /** Key in the model's config record: true when the model was trained on train + validation. */
    public static final String REFIT_KEY = "refitOnTrainPlusValidation";
    /** Key in the model's config record: the epoch count of the refit. */
    public static final String REFIT_EPOCHS_KEY = "refitEpochs";
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
        double exponent = PopularityTilt.exponentOf(selected);
        if (selected.config().has(PopularityTilt.SCREEN_KEY)) {
            log.info("popularity exponent %s chosen on validation (NDCG@20 per exponent: %s; Recall@20: %s)", exponent,
                    selected.config().get(PopularityTilt.SCREEN_KEY), selected.config().get(PopularityTilt.RECALL_SCREEN_KEY));
        }
        ObjectNode record = refitRecord(selected, refit, selected.bestEpoch());
        if (!refit) {
            return new TrainedModel(selected.context(), selected.target(), selected.pooling(), selected.epochs(),
                    selected.bestEpoch(), selected.trainSeconds(), record);
        }
        TrainedModel refitted = refitFor(data, graph.config(), config.withFixedPopularityExponent(exponent),
                selected.bestEpoch());
        return new TrainedModel(refitted.context(), refitted.target(), refitted.pooling(), selected.epochs(),
                selected.bestEpoch(), selected.trainSeconds() + refitted.trainSeconds(), record);
    }

    /**
     * Trains on train + validation for exactly {@code epochs} epochs (a count chosen on validation
     * beforehand) over a graph rebuilt from those items; the curve holds the refit's losses. The target
     * rows take the config's popularity exponent (there is no validation left to choose it on).
     */
    public TrainedModel refitFor(Dataset data, GraphConfig graphConfig, GcnConfig config, int epochs) {
        log.info("refit on train + validation for %d epoch(s) chosen on validation", epochs);
        Dataset all = withValidationInTrain(data);
        ItemGraph fullGraph = new ItemGraphBuilder(graphConfig, progressBars).build(all);
        GcnConfig fixed = config.toBuilder().maxEpochs(epochs).build();
        TrainedModel refitted = new GcnTrainer(fixed, progressBars).train(all, fullGraph,
                s -> log.info("refit epoch %d: loss %.4f, %.1f s", s.epoch(), s.loss(), s.seconds()));
        return new TrainedModel(refitted.context(), refitted.target(), refitted.pooling(), refitted.epochs(),
                epochs, refitted.trainSeconds(), refitRecord(refitted, true, epochs));
    }

    private static ObjectNode refitRecord(TrainedModel model, boolean refit, int epochs) {
        ObjectNode record = ((ObjectNode) model.config()).deepCopy();
        record.put(REFIT_KEY, refit);
        if (refit) {
            record.put(REFIT_EPOCHS_KEY, epochs);
        }
        return record;
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
