package dev.assocrec.functions.testing;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.ItemRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded catalogues and embedding tables of any size, for ranking and filter checks. */
public final class SyntheticCatalogs {
    public static final List<String> CATEGORIES = List.of("shoes", "shirts", "bags", "hats", "socks",
            "coats", "belts", "gloves", "scarves", "jeans");
    public static final List<String> BRANDS = List.of("acme", "globex", "initech", "umbrella", "hooli");

    private SyntheticCatalogs() {}

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
