package dev.assocrec.functions;

import dev.assocrec.contract.EventType;
import dev.assocrec.functions.api.Filters;
import java.util.List;

/** Requests after validation: every value present, in range and of the right kind. */
public final class ParsedRequests {
    private ParsedRequests() {}

    /** A history entry before its item id is looked up in the serving model. */
    public record Entry(String itemId, EventType event, double epochSeconds, double weight) {}

    public record Recommend(List<Entry> history, int k, PoolingChoice pooling, boolean excludeHistory,
                            Filters filters, int explain) {}

    public record Related(List<String> itemIds, int k, Filters filters) {}
}
