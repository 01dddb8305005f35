package dev.assocrec.contract;

import java.util.Locale;

/** The behaviour a history entry records; it sets the entry's default pooling weight. */
public enum EventType {
    VIEW, CART, PURCHASE;

    /** Accepts the names case-insensitively, plus a few common synonyms from shop exports. */
    public static EventType parse(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("event type is missing");
        }
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "view": case "click": case "detail": case "pageview": return VIEW;
            case "cart": case "addtocart": case "add_to_cart": return CART;
            case "purchase": case "buy": case "order": case "transaction": return PURCHASE;
            default:
                throw new IllegalArgumentException("unknown event type '" + raw + "' (expected view, cart or purchase)");
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
