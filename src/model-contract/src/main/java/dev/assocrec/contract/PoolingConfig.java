package dev.assocrec.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a history becomes weights for the pooled interest vector. Stored in the manifest so that
 * serving pools exactly as training did.
 *
 * @param mode              {@link Mode#MEAN}: every entry weighs 1; {@link Mode#WEIGHTED}: event type × recency;
 *                          {@link Mode#ATTENTION}: learned weights ({@link Attention})
 * @param eventWeights      weight per event type (WEIGHTED only); a missing type weighs 1
 * @param recencyHalfLife   an entry this far behind the newest entry weighs half; 0 turns recency off (WEIGHTED)
 * @param timeAxis          what history times count: wall-clock seconds, or positions in a sequence
 * @param attention         the learned attention parameters (ATTENTION only, null otherwise)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PoolingConfig(Mode mode, Map<EventType, Double> eventWeights, double recencyHalfLife, TimeAxis timeAxis,
                            Attention attention) {

    public enum Mode { MEAN, WEIGHTED, ATTENTION }

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
        if (mode == Mode.ATTENTION && attention == null) {
            throw new IllegalArgumentException("pooling.attention is missing for mode ATTENTION");
        }
        if (mode != Mode.ATTENTION && attention != null) {
            throw new IllegalArgumentException("pooling.attention is given for mode " + mode + "; only ATTENTION has one");
        }
    }

    public PoolingConfig(Mode mode, Map<EventType, Double> eventWeights, double recencyHalfLife, TimeAxis timeAxis) {
        this(mode, eventWeights, recencyHalfLife, timeAxis, null);
    }

    /**
     * Learned attention over a history: entry i's logit is eᵢ = vector·contextᵢ + typeBias[typeᵢ] +
     * recencySlope·ageᵢ (age = how far behind the newest entry, in recencyUnit: days on the seconds axis, items on
     * the positions axis; an unknown type or time adds 0), its weight explicitᵢ·exp(eᵢ) (see
     * {@link HistoryPooling#weights(java.util.List, PoolingConfig, EmbeddingTable)}), so the pooled vector is
     * Σ softmax(e + ln explicit)ᵢ·contextᵢ.
     *
     * @param vector       one value per context dimension
     * @param typeBias     logit added per event type; a missing type adds 0
     * @param recencySlope logit per unit of age (negative: older entries weigh less)
     * @param recencyUnit  the age unit in the time axis's units (> 0)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attention(List<Double> vector, Map<EventType, Double> typeBias, double recencySlope,
                            double recencyUnit) {
        public Attention {
            if (vector == null || vector.isEmpty()) {
                throw new IllegalArgumentException("pooling.attention.vector is missing or empty");
            }
            vector = List.copyOf(vector);
            for (int i = 0; i < vector.size(); i++) {
                Double v = vector.get(i);
                if (v == null || !Double.isFinite(v)) {
                    throw new IllegalArgumentException("pooling.attention.vector[" + i + "] must be a finite number, was " + v);
                }
            }
            typeBias = typeBias == null ? Map.of() : Map.copyOf(typeBias);
            typeBias.forEach((type, b) -> {
                if (b == null || !Double.isFinite(b)) {
                    throw new IllegalArgumentException("pooling.attention.typeBias." + type + " must be a finite number, was " + b);
                }
            });
            if (!Double.isFinite(recencySlope)) {
                throw new IllegalArgumentException("pooling.attention.recencySlope must be a finite number, was " + recencySlope);
            }
            if (!(recencyUnit > 0) || Double.isInfinite(recencyUnit)) {
                throw new IllegalArgumentException("pooling.attention.recencyUnit must be > 0, was " + recencyUnit);
            }
        }

        public float[] vectorArray() {
            float[] a = new float[vector.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = vector.get(i).floatValue();
            }
            return a;
        }

        public double bias(EventType type) {
            return type == null ? 0 : typeBias.getOrDefault(type, 0.0);
        }
    }

    /**
     * Attention that starts as {@code base} pools: a zero vector, log event weights as type biases and the half-life
     * as the recency slope (MEAN: all zero), so training starts from the hand-set pooling and learns from there.
     */
    public static PoolingConfig attentionFrom(PoolingConfig base, int dims) {
        if (base.mode() == Mode.ATTENTION) {
            return base;
        }
        double unit = base.timeAxis() == TimeAxis.SECONDS ? 24 * 3600.0 : 1.0;
        Map<EventType, Double> bias = new EnumMap<>(EventType.class);
        double slope = 0;
        if (base.mode() == Mode.WEIGHTED) {
            base.eventWeights().forEach((type, w) -> bias.put(type, Math.log(w)));
            slope = base.recencyHalfLife() > 0 ? -Math.log(2) * unit / base.recencyHalfLife() : 0;
        }
        List<Double> zeros = java.util.Collections.nCopies(dims, 0.0);
        return new PoolingConfig(Mode.ATTENTION, Map.of(), 0, base.timeAxis(), new Attention(zeros, bias, slope, unit));
    }

    /** This pooling with other learned attention parameters. */
    public PoolingConfig withAttention(Attention learned) {
        return new PoolingConfig(Mode.ATTENTION, Map.of(), 0, timeAxis, learned);
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
        if (mode != Mode.WEIGHTED || type == null) {
            return 1.0;
        }
        return eventWeights.getOrDefault(type, 1.0);
    }
}
