package dev.assocrec.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One row of the item table. Optional catalogue fields are null when the catalogue lacks them.
 *
 * @param index dense model index (row of the embedding tables)
 */
@JsonPropertyOrder({"index", "itemId", "category", "brand", "price", "title"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemRecord(int index, String itemId, String category, String brand, Double price, String title) {
    public ItemRecord {
        if (itemId == null || itemId.isBlank()) {
            throw new IllegalArgumentException("item " + index + " has no item id");
        }
    }

    public static ItemRecord bare(int index, String itemId) {
        return new ItemRecord(index, itemId, null, null, null, null);
    }
}
