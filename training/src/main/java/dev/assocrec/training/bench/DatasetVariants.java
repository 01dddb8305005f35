package dev.assocrec.training.bench;

import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import dev.assocrec.training.eval.EvalTask;
import java.util.ArrayList;
import java.util.List;

/** Copies of a dataset for the benchmark's refit and pooling ablation. */
final class DatasetVariants {
    private DatasetVariants() {}

    /** Validation items appended to train, no validation left (a refit on all known items). */
    static Dataset withValidationInTrain(Dataset d) {
        List<UserHistory> train = new ArrayList<>(d.userCount());
        int[][] empty = new int[d.userCount()][];
        for (int u = 0; u < d.userCount(); u++) {
            train.add(EvalTask.append(d.train().get(u), d.validation()[u], d.pooling()));
            empty[u] = new int[0];
        }
        return new Dataset(d.catalog(), d.itemAttributes(), d.attributeNames(), train, empty, d.test(), d.pooling(),
                d.protocol(), d.provenance());
    }

    static Dataset withPooling(Dataset d, PoolingConfig pooling) {
        return new Dataset(d.catalog(), d.itemAttributes(), d.attributeNames(), d.train(), d.validation(), d.test(), pooling,
                d.protocol(), d.provenance());
    }
}
