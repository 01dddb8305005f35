package dev.assocrec.functions.scoring;

import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.ItemRecord;
import dev.assocrec.functions.api.Filters;
import dev.assocrec.functions.api.PriceRange;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Posting lists of the catalogue fields serving filters on, so that a filter becomes the set of
 * items it accepts without looking at every item (except for a price filter on its own).
 */
public final class CatalogIndex {
    private final int size;
    private final Map<String, int[]> byCategory;
    private final Map<String, int[]> byBrand;
    private final double[] prices;

    public CatalogIndex(ItemCatalog catalog) {
        this.size = catalog.size();
        Map<String, Postings> categories = new HashMap<>();
        Map<String, Postings> brands = new HashMap<>();
        this.prices = new double[size];
        for (ItemRecord r : catalog.items()) {
            if (r.category() != null) {
                add(categories, r.category(), r.index());
            }
            if (r.brand() != null) {
                add(brands, r.brand(), r.index());
            }
            prices[r.index()] = r.price() == null ? Double.NaN : r.price();
        }
        this.byCategory = toArrays(categories);
        this.byBrand = toArrays(brands);
    }

    /** The items every given filter accepts; null when there is no filter (everything is accepted). */
    public BitSet accepted(Filters filters) {
        if (filters == null || filters.isEmpty()) {
            return null;
        }
        BitSet accepted = null;
        if (filters.category() != null) {
            accepted = union(byCategory, filters.category());
        }
        if (filters.brand() != null) {
            BitSet brands = union(byBrand, filters.brand());
            if (accepted == null) {
                accepted = brands;
            } else {
                accepted.and(brands);
            }
        }
        PriceRange price = filters.price();
        if (price != null) {
            double min = price.min() == null ? Double.NEGATIVE_INFINITY : price.min();
            double max = price.max() == null ? Double.POSITIVE_INFINITY : price.max();
            if (accepted == null) {
                accepted = new BitSet(size);
                for (int i = 0; i < size; i++) {
                    if (prices[i] >= min && prices[i] <= max) {
                        accepted.set(i);
                    }
                }
            } else {
                for (int i = accepted.nextSetBit(0); i >= 0; i = accepted.nextSetBit(i + 1)) {
                    if (!(prices[i] >= min && prices[i] <= max)) {
                        accepted.clear(i);
                    }
                }
            }
        }
        return accepted;
    }

    private BitSet union(Map<String, int[]> postings, List<String> values) {
        BitSet set = new BitSet(size);
        for (String v : values) {
            for (int i : postings.getOrDefault(v, new int[0])) {
                set.set(i);
            }
        }
        return set;
    }

    private static void add(Map<String, Postings> postings, String value, int item) {
        Postings p = postings.get(value);
        if (p == null) {
            postings.put(value, p = new Postings());
        }
        p.add(item);
    }

    private static Map<String, int[]> toArrays(Map<String, Postings> lists) {
        Map<String, int[]> out = new HashMap<>(lists.size() * 2);
        lists.forEach((k, v) -> out.put(k, Arrays.copyOf(v.items, v.size)));
        return out;
    }

    /** A growing int array: the build runs on a request's clock, under C1 on a cold start, so no boxing. */
    private static final class Postings {
        int[] items = new int[16];
        int size;

        void add(int item) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = item;
        }
    }
}
