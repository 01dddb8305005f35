package dev.assocrec.training.demo;

import java.util.List;

/**
 * A generated shop: its catalogue, its event log (in time order per user) and the planted
 * structure, so tests and demos can check that a model finds it.
 *
 * @param bundles  groups of complementary item ids that tend to be bought together
 */
public record Shop(List<Product> catalog, List<Event> events, List<List<String>> bundles) {

    public record Product(String itemId, String category, String brand, double price, String title) {}

    /** One event row; {@code dwellSeconds} and {@code quantity} are null when not recorded. */
    public record Event(String userId, String itemId, String eventType, long epochSecond, Double dwellSeconds,
                        Integer quantity) {}
}
