package dev.assocrec.training.export;

import dev.assocrec.contract.EmbeddingTable;
import java.util.Random;

/** Seeded Gaussian embedding tables for export tests. */
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
}
