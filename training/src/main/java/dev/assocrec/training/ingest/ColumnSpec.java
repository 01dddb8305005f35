package dev.assocrec.training.ingest;

import java.util.ArrayList;
import java.util.List;

/** The columns a tabular input must have and may have, by their canonical (lower-case) names. */
record ColumnSpec(String what, List<String> required, List<String> optional) {
    static final ColumnSpec EVENTS = new ColumnSpec("events",
            List.of("user_id", "item_id", "event_type", "timestamp"), List.of("dwell_seconds", "quantity"));
    static final ColumnSpec CATALOG = new ColumnSpec("catalogue",
            List.of("item_id"), List.of("category", "brand", "price", "title"));

    List<String> all() {
        List<String> out = new ArrayList<>(required);
        out.addAll(optional);
        return out;
    }

    boolean knows(String name) {
        return required.contains(name) || optional.contains(name);
    }
}
