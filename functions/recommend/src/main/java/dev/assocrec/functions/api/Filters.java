package dev.assocrec.functions.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Restrictions on the catalogue fields of returned items; all given ones must hold.
 *
 * @param category the item's category must be one of these
 * @param brand    the item's brand must be one of these
 * @param price    the item's price must lie in this range
 */
public record Filters(List<String> category, List<String> brand, PriceRange price) {
    @JsonIgnore
    public boolean isEmpty() {
        return category == null && brand == null && price == null;
    }
}
