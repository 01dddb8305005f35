package dev.assocrec.training.pipeline;

import ai.djl.Device;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.eval.EmbeddingScorer;
import dev.assocrec.training.eval.EvalTask;
import dev.assocrec.training.eval.Evaluator;
import dev.assocrec.training.eval.ItemKnnScorer;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.eval.PopularityScorer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The GCN and the popularity and item-kNN baselines on the same test split in the same run, in
 * report order (gcn, popularity, itemknn).
 */
public final class ModelComparison {
    /** Neighbours per item of the item-kNN baseline. */
    public static final int KNN_NEIGHBOURS = 200;

    private final StepLog log;
    private final boolean progressBars;

    public ModelComparison(StepLog log, boolean progressBars) {
        this.log = log;
        this.progressBars = progressBars;
    }

    public Map<String, Metrics> onTestSplit(Dataset data, EmbeddingTable context, EmbeddingTable target,
                                            PoolingConfig pooling, Device device) {
        Evaluator evaluator = new Evaluator(data.itemCount());
        EvalTask test = EvalTask.test(data);
        Map<String, Metrics> models = new LinkedHashMap<>();
        models.put("gcn", gcn(evaluator, test, context, target, pooling, device));
        log.info("gcn        %s", models.get("gcn"));
        models.put("popularity", evaluator.evaluate(new PopularityScorer(data), test));
        log.info("popularity %s", models.get("popularity"));
        models.put("itemknn", evaluator.evaluate(new ItemKnnScorer(data, KNN_NEIGHBOURS, progressBars), test));
        log.info("itemknn    %s", models.get("itemknn"));
        return models;
    }

    /** The served scoring (pooled context rows · target rows) on one evaluation task. */
    public static Metrics gcn(Evaluator evaluator, EvalTask task, EmbeddingTable context, EmbeddingTable target,
                              PoolingConfig pooling, Device device) {
        try (EmbeddingScorer s = new EmbeddingScorer("gcn", context, target, pooling, device)) {
            return evaluator.evaluate(s, task);
        }
    }
}
