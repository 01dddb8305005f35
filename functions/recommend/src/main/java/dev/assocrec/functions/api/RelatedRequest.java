package dev.assocrec.functions.api;

import java.util.List;

/**
 * Input of {@code related}: one item or a basket, never both.
 *
 * @param item    a single item id
 * @param items   a basket of item ids
 * @param k       how many items to return (default 10)
 * @param filters catalogue restrictions on the answer
 */
public record RelatedRequest(String item, List<String> items, Integer k, Filters filters) {}
