package dev.assocrec.training.demo;

import java.time.Instant;

/**
 * Size and shape of a generated shop. The defaults train in well under a minute on two cores.
 *
 * @param seed              everything generated follows from this seed
 * @param items             catalogue size
 * @param users             number of shoppers
 * @param sessionsPerUser   mean number of visits per shopper
 * @param bundleShare       share of items that belong to a complementary bundle
 * @param bundlePartnerRate chance that buying a bundle item also buys each partner in the same visit
 * @param start             first possible event time; visits spread over {@code days}
 * @param days              length of the simulated period
 */
public record ShopConfig(long seed, int items, int users, double sessionsPerUser, double bundleShare,
                         double bundlePartnerRate, Instant start, int days) {
    public ShopConfig {
        if (items < 50 || users < 1 || !(sessionsPerUser > 0) || days < 1) {
            throw new IllegalArgumentException("need >= 50 items, >= 1 user, > 0 sessions per user and >= 1 day");
        }
        if (!(bundleShare >= 0 && bundleShare <= 1) || !(bundlePartnerRate >= 0 && bundlePartnerRate <= 1)) {
            throw new IllegalArgumentException("bundleShare and bundlePartnerRate are probabilities");
        }
    }

    public static ShopConfig defaults() {
        return new ShopConfig(7, 2_000, 3_000, 6, 0.4, 0.7, Instant.parse("2025-01-01T00:00:00Z"), 90);
    }

    public ShopConfig withSize(long seed, int items, int users) {
        return new ShopConfig(seed, items, users, sessionsPerUser, bundleShare, bundlePartnerRate, start, days);
    }
}
