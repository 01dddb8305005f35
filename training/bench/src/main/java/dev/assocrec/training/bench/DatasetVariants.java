package dev.assocrec.training.bench;

import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;

/** Copies of a dataset for the benchmark's pooling ablation (the refit copy is GcnFitting's). */
final class DatasetVariants {
    private DatasetVariants() {}

    static Dataset withPooling(Dataset d, PoolingConfig pooling) {
        return new Dataset(d.catalog(), d.itemAttributes(), d.attributeNames(), d.train(), d.validation(), d.test(), pooling,
                d.protocol(), d.provenance());
    }
}
