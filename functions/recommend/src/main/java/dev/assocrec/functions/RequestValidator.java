package dev.assocrec.functions;

import dev.assocrec.contract.EventType;
import dev.assocrec.functions.api.Filters;
import dev.assocrec.functions.api.HistoryItem;
import dev.assocrec.functions.api.PriceRange;
import dev.assocrec.functions.api.RecommendRequest;
import dev.assocrec.functions.api.RelatedRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks what JSON binding cannot: presence, ranges and the configured limits. Every message names
 * the field (with its position in a list) and the offending value.
 */
@ApplicationScoped
public class RequestValidator {
    static final Instant EARLIEST_TIMESTAMP = Instant.parse("2000-01-01T00:00:00Z");
    private final ServingConfig.Limits limits;

    public RequestValidator(ServingConfig.Limits limits) {
        this.limits = limits;
    }

    public ParsedRequests.Recommend validate(RecommendRequest request) {
        if (request == null) {
            throw new BadRequestException("request body is missing: expected a JSON object with a 'history' array");
        }
        List<HistoryItem> history = request.history() == null ? List.of() : request.history();
        if (history.size() > limits.maxHistory()) {
            throw new BadRequestException("history has " + history.size() + " entries; at most "
                    + limits.maxHistory() + " are allowed");
        }
        List<ParsedRequests.Entry> entries = new ArrayList<>(history.size());
        for (int i = 0; i < history.size(); i++) {
            entries.add(entry(history.get(i), "history[" + i + "]"));
        }
        int explain = bounded("explain", request.explain(), 3, 0, limits.maxExplain());
        return new ParsedRequests.Recommend(entries, k(request.k()), PoolingChoice.parse(request.pooling()),
                request.excludeHistory() == null || request.excludeHistory(), filters(request.filters()), explain);
    }

    public ParsedRequests.Related validate(RelatedRequest request) {
        if (request == null) {
            throw new BadRequestException("request body is missing: expected a JSON object with 'item' or 'items'");
        }
        if ((request.item() == null) == (request.items() == null)) {
            throw new BadRequestException("give exactly one of 'item' (one item id) or 'items' (a basket of item ids)");
        }
        List<String> ids = request.item() != null ? List.of(request.item()) : request.items();
        if (ids.isEmpty()) {
            throw new BadRequestException("items is empty: give at least one item id");
        }
        if (ids.size() > limits.maxBasket()) {
            throw new BadRequestException("items has " + ids.size() + " entries; at most " + limits.maxBasket()
                    + " are allowed");
        }
        for (int i = 0; i < ids.size(); i++) {
            requireId(ids.get(i), request.item() != null ? "item" : "items[" + i + "]");
        }
        return new ParsedRequests.Related(List.copyOf(ids), k(request.k()), filters(request.filters()));
    }

    private ParsedRequests.Entry entry(HistoryItem item, String where) {
        if (item == null) {
            throw new BadRequestException(where + " is null: expected an object with an 'item' id");
        }
        requireId(item.item(), where + ".item");
        EventType event = null;
        if (item.event() != null) {
            try {
                event = EventType.parse(item.event());
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(where + ".event: unknown event type '" + BadRequestException.echo(item.event())
                        + "' (expected view, cart or purchase)");
            }
        }
        double weight = item.weight() == null ? 1.0 : item.weight();
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new BadRequestException(where + ".weight must be a finite number >= 0, was " + item.weight());
        }
        return new ParsedRequests.Entry(item.item(), event, epochSeconds(item.timestamp(), where + ".timestamp"), weight);
    }

    /**
     * ISO-8601 instants and epoch seconds are both common in shop event exports; a number must be a JSON
     * number. Recency pooling only compares times, so the range merely catches unit mistakes (epoch
     * milliseconds, positions) and nonsense such as 1e30.
     */
    static double epochSeconds(Object raw, String where) {
        if (raw == null) {
            return Double.NaN;
        }
        double seconds;
        if (raw instanceof Number n) {
            seconds = n.doubleValue();
        } else if (raw instanceof String s) {
            try {
                Instant t = Instant.parse(s);
                seconds = t.getEpochSecond() + t.getNano() / 1e9;
            } catch (DateTimeParseException notAnInstant) {
                throw new BadRequestException(where + " must be an ISO-8601 instant (2026-11-28T10:15:30Z) or epoch seconds"
                        + " as a JSON number, was the string \"" + BadRequestException.echo(s) + "\"");
            }
        } else {
            throw new BadRequestException(where + " must be an ISO-8601 instant string or epoch seconds as a JSON number, was "
                    + (raw instanceof Boolean ? raw : raw instanceof List ? "an array" : "an object"));
        }
        long latest = Instant.now().plus(Duration.ofDays(1)).getEpochSecond();
        if (!(seconds >= EARLIEST_TIMESTAMP.getEpochSecond() && seconds <= latest)) {
            String hint = seconds / 1000 >= EARLIEST_TIMESTAMP.getEpochSecond() && seconds / 1000 <= latest
                    ? " (epoch milliseconds? give seconds)" : "";
            throw new BadRequestException(where + " must lie between " + EARLIEST_TIMESTAMP + " and a day from now ("
                    + Instant.ofEpochSecond(latest) + "), was " + BadRequestException.echo(String.valueOf(raw)) + hint);
        }
        return seconds;
    }

    private int k(Integer k) {
        return bounded("k", k, limits.defaultK(), 1, limits.maxK());
    }

    private static int bounded(String name, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw new BadRequestException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static void requireId(String id, String where) {
        if (id == null || id.isBlank()) {
            throw new BadRequestException(where + " is missing or blank: expected an item id");
        }
    }

    private static Filters filters(Filters f) {
        if (f == null) {
            return null;
        }
        requireNoNulls(f.category(), "filters.category");
        requireNoNulls(f.brand(), "filters.brand");
        PriceRange p = f.price();
        if (p != null) {
            if (p.min() != null && !Double.isFinite(p.min()) || p.max() != null && !Double.isFinite(p.max())) {
                throw new BadRequestException("filters.price bounds must be finite numbers");
            }
            if (p.min() != null && p.max() != null && p.min() > p.max()) {
                throw new BadRequestException("filters.price.min (" + p.min() + ") is greater than filters.price.max ("
                        + p.max() + ")");
            }
        }
        return f;
    }

    private static void requireNoNulls(List<String> values, String where) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new BadRequestException(where + "[" + i + "] is null: expected a string");
            }
        }
    }
}
