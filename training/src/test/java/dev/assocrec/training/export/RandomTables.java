package dev.assocrec.training.export;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.model.EpochStats;
import dev.assocrec.training.model.TrainedModel;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Seeded Gaussian embedding tables, and the trained-model hand-off around them, for export tests. */
final class RandomTables {
    private RandomTables() {}

    static EmbeddingTable gaussian(int rows, int dims, Random rng) {
        float[] data = new float[rows * dims];
        float scale = (float) (1.0 / Math.sqrt(dims));
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextGaussian() * scale;
        }
        return new EmbeddingTable(rows, dims, data);
    }

    static TrainedModel trainedModel(EmbeddingTable context, EmbeddingTable target) {
        return new TrainedModel(context, target, PoolingConfig.defaultWeighted(),
                List.of(new EpochStats(1, 0.9, 0.10, 0.05, 1.5), new EpochStats(2, 0.7, 0.12, 0.06, 1.4)),
                2, 2.9, null);
    }

    static ItemCatalog catalog(int items) {
        return ItemCatalog.ofIds(IntStream.range(0, items).mapToObj(i -> "item-" + i).toList());
    }
}
