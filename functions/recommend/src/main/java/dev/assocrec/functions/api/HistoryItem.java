package dev.assocrec.functions.api;

/**
 * One entry of a user's history, oldest first.
 *
 * @param item      the item id as in the catalogue
 * @param event     view, cart or purchase (and common synonyms); absent = unknown
 * @param timestamp an ISO-8601 instant (a JSON string) or epoch seconds (a JSON number), from 2000-01-01
 *                  to a day after now; absent = no recency discount
 * @param weight    a multiplier on the entry's pooling weight, finite and >= 0; absent = 1
 */
public record HistoryItem(String item, String event, Object timestamp, Double weight) {}
