package dev.assocrec.training.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.PoolingConfig;
import java.util.List;

/**
 * Everything training and evaluation need, independent of the input format. Users are aligned
 * across the three lists: {@code validation[u]} and {@code test[u]} are the held-out items of
 * {@code train.get(u)}'s user (empty arrays when that user has none).
 *
 * @param catalog         items, index = embedding row
 * @param itemAttributes  attribute ids per item (category, brand, price band, or a benchmark's
 *                        anonymised attributes), each id in [0, attributeNames.size())
 * @param attributeNames  readable name per attribute id, e.g. "category=shoes", "brand=acme", "price=3"
 * @param train           the histories training may see (validation and test items removed)
 * @param validation      held-out items used for early stopping and model selection
 * @param test            held-out items used only for the final report
 * @param pooling         the pooling this data calls for (event/recency weights or positional recency)
 * @param protocol        a one-line description of the split, for the report
 * @param provenance      input files, row counts, skipped rows, for the manifest
 */
public record Dataset(
        ItemCatalog catalog,
        int[][] itemAttributes,
        List<String> attributeNames,
        List<UserHistory> train,
        int[][] validation,
        int[][] test,
        PoolingConfig pooling,
        String protocol,
        JsonNode provenance) {

    public Dataset {
        if (itemAttributes.length != catalog.size()) {
            throw new IllegalArgumentException("itemAttributes has " + itemAttributes.length + " rows for "
                    + catalog.size() + " items");
        }
        if (validation.length != train.size() || test.length != train.size()) {
            throw new IllegalArgumentException("validation (" + validation.length + ") and test (" + test.length
                    + ") must have one row per train user (" + train.size() + ")");
        }
    }

    public int itemCount() { return catalog.size(); }

    public int userCount() { return train.size(); }

    /** The same data pooled another way (the {@code --pooling} option). */
    public Dataset withPooling(PoolingConfig other) {
        return new Dataset(catalog, itemAttributes, attributeNames, train, validation, test, other, protocol, provenance);
    }
}
