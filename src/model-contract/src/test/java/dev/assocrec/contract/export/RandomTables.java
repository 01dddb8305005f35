package dev.assocrec.contract.export;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.PoolingConfig;
import java.util.Random;
import java.util.stream.IntStream;

/** Seeded Gaussian embedding tables, and the writer's hand-off around them, for export tests. */
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

    static VersionTables trainedModel(EmbeddingTable context, EmbeddingTable target) {
        return VersionTables.of(context, target, PoolingConfig.defaultWeighted());
    }

    static ItemCatalog catalog(int items) {
        return ItemCatalog.ofIds(IntStream.range(0, items).mapToObj(i -> "item-" + i).toList());
    }
}
