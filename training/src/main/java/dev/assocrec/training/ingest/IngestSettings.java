package dev.assocrec.training.ingest;

/**
 * Knobs of reading and splitting, with the defaults the CLI shows.
 *
 * @param maxBadFraction          a file with more bad rows than this fraction of its rows is rejected
 *                                (0 = any bad row is fatal)
 * @param seed                    seeds the random validation hold-out of the LightGCN format
 * @param validationFraction      share of each user's train items held out for validation (LightGCN format)
 * @param positionalHalfLife      pooling half-life in items for ordered sequences (sequence format)
 * @param priceBands              number of price quantile bands (catalogue attributes)
 * @param minItemsPerCategoryBand a category needs this many priced items for bands of its own; smaller
 *                                categories use global bands
 */
public record IngestSettings(double maxBadFraction, long seed, double validationFraction,
                             double positionalHalfLife, int priceBands, int minItemsPerCategoryBand) {

    public static final double DEFAULT_MAX_BAD_FRACTION = 0.01;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_POSITIONAL_HALF_LIFE = 5;

    public IngestSettings {
        if (!(maxBadFraction >= 0 && maxBadFraction <= 1)) {
            throw new IllegalArgumentException("maxBadFraction must be in [0, 1], was " + maxBadFraction);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), was " + validationFraction);
        }
        if (!(positionalHalfLife > 0)) {
            throw new IllegalArgumentException("positionalHalfLife must be > 0, was " + positionalHalfLife);
        }
        if (priceBands < 1) {
            throw new IllegalArgumentException("priceBands must be >= 1, was " + priceBands);
        }
    }

    public static IngestSettings defaults() {
        return new IngestSettings(DEFAULT_MAX_BAD_FRACTION, DEFAULT_SEED, 0.1, DEFAULT_POSITIONAL_HALF_LIFE, 5, 20);
    }

    public IngestSettings withMaxBadFraction(double f) {
        return new IngestSettings(f, seed, validationFraction, positionalHalfLife, priceBands, minItemsPerCategoryBand);
    }

    public IngestSettings withSeed(long s) {
        return new IngestSettings(maxBadFraction, s, validationFraction, positionalHalfLife, priceBands, minItemsPerCategoryBand);
    }

    public IngestSettings withPositionalHalfLife(double h) {
        return new IngestSettings(maxBadFraction, seed, validationFraction, h, priceBands, minItemsPerCategoryBand);
    }
}
