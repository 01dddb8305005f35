package dev.assocrec.contract.export;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.ItemRecord;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.PoolingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded catalogues, embedding tables and complete model versions of any size, for the serving
 * benchmarks, a local demo store and ranking and filter checks: valid artifacts without a training run.
 */
public final class SyntheticVersions {
    public static final List<String> CATEGORIES = List.of("shoes", "shirts", "bags", "hats", "socks",
            "coats", "belts", "gloves", "scarves", "jeans");
    public static final List<String> BRANDS = List.of("acme", "globex", "initech", "umbrella", "hooli");
    /** Serving's answer to an empty history in a seeded version (indices beyond the catalogue are dropped). */
    public static final List<Integer> POPULAR = List.of(5, 3, 17, 42, 8, 99, 250, 1, 77, 310, 12, 64);
    public static final Instant CREATED = Instant.parse("2026-11-28T12:00:00Z");

    private SyntheticVersions() {}

    /** Context rows random, target rows near them: items score high against themselves, as trained tables do. */
    public static VersionTables tables(int items, int dims, long seed, PoolingConfig pooling) {
        EmbeddingTable context = gaussian(items, dims, seed);
        return VersionTables.of(context, near(context, 0.7, seed + 1000), pooling);
    }

    /** Writes a seeded version folder (model.onnx, tables, items, manifest) with the default weighted pooling. */
    public static ModelVersion write(Path dir, String version, int items, int dims, long seed) throws IOException {
        return ModelVersionWriter.write(dir, tables(items, dims, seed, PoolingConfig.defaultWeighted()), catalog(items),
                info(version, items));
    }

    /** The manifest record of a seeded version: {@link #POPULAR}, {@link #CREATED} and a placeholder metric. */
    public static ModelVersionWriter.VersionInfo info(String version, int items) {
        return new ModelVersionWriter.VersionInfo(version, CREATED, POPULAR.stream().filter(i -> i < items).toList(),
                Map.of("gcn", Map.of("recall@20", 0.2)), null);
    }

    public static String itemId(int index) {
        return "sku-" + index;
    }

    /** Category by index mod 10, brand by index mod 5 (every 7th item has none), price 1..100 (every 11th none). */
    public static ItemCatalog catalog(int items) {
        List<ItemRecord> rows = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            rows.add(new ItemRecord(i, itemId(i), CATEGORIES.get(i % CATEGORIES.size()),
                    i % 7 == 0 ? null : BRANDS.get(i % BRANDS.size()),
                    i % 11 == 0 ? null : 1.0 + (i * 37 % 100), "Item " + i));
        }
        return new ItemCatalog(rows);
    }

    /** {@code base} plus independent noise: items score highest against themselves, as trained tables do. */
    public static EmbeddingTable near(EmbeddingTable base, double noise, long seed) {
        EmbeddingTable n = gaussian(base.rows(), base.dims(), seed);
        float[] data = new float[base.data().length];
        for (int i = 0; i < data.length; i++) {
            data[i] = base.data()[i] + (float) noise * n.data()[i];
        }
        return new EmbeddingTable(base.rows(), base.dims(), data);
    }

    public static EmbeddingTable gaussian(int rows, int dims, long seed) {
        Random r = new Random(seed);
        float[] data = new float[rows * dims];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (r.nextGaussian() / Math.sqrt(dims));
        }
        return new EmbeddingTable(rows, dims, data);
    }
}
