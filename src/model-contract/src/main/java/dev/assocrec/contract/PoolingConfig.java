package dev.assocrec.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a history becomes weights for the pooled interest vector. Stored in the manifest so that
 * serving pools exactly as training did.
 *
 * @param mode              {@link Mode#MEAN}: every entry weighs 1; {@link Mode#WEIGHTED}: event type × recency
 * @param eventWeights      weight per event type (WEIGHTED only); a missing type weighs 1
 * @param recencyHalfLife   an entry this far behind the newest entry weighs half; 0 turns recency off
 * @param timeAxis          what history times count: wall-clock seconds, or positions in a sequence
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PoolingConfig(Mode mode, Map<EventType, Double> eventWeights, double recencyHalfLife, TimeAxis timeAxis) {

    public enum Mode { MEAN, WEIGHTED }

    public enum TimeAxis { SECONDS, POSITIONS }

    public PoolingConfig {
        Objects.requireNonNull(mode, "mode");
        eventWeights = eventWeights == null ? Map.of() : Map.copyOf(eventWeights);
        timeAxis = timeAxis == null ? TimeAxis.SECONDS : timeAxis;
        if (recencyHalfLife < 0 || Double.isNaN(recencyHalfLife)) {
            throw new IllegalArgumentException("recencyHalfLife must be >= 0, was " + recencyHalfLife);
        }
        eventWeights.forEach((type, w) -> {
            if (w == null || !(w > 0) || w.isInfinite()) {
                throw new IllegalArgumentException("event weight for " + type + " must be > 0, was " + w);
            }
        });
    }

    public static PoolingConfig mean() {
        return new PoolingConfig(Mode.MEAN, Map.of(), 0, TimeAxis.SECONDS);
    }

    /** Purchases say more than carts, carts more than views; a 30-day half-life keeps it current. */
    public static PoolingConfig defaultWeighted() {
        Map<EventType, Double> w = new EnumMap<>(EventType.class);
        w.put(EventType.VIEW, 1.0);
        w.put(EventType.CART, 2.0);
        w.put(EventType.PURCHASE, 4.0);
        return new PoolingConfig(Mode.WEIGHTED, w, 30 * 24 * 3600.0, TimeAxis.SECONDS);
    }

    /** For ordered sequences without timestamps: recency by position, half-life in items. */
    public static PoolingConfig positional(double halfLifeItems) {
        return new PoolingConfig(Mode.WEIGHTED, Map.of(), halfLifeItems, TimeAxis.POSITIONS);
    }

    public double eventWeight(EventType type) {
        if (mode == Mode.MEAN || type == null) {
            return 1.0;
        }
        return eventWeights.getOrDefault(type, 1.0);
    }
}
