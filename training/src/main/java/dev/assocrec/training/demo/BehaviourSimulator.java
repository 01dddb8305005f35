package dev.assocrec.training.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Simulates shoppers on a generated catalogue. Each shopper likes two or three departments and a
 * couple of brands and has a price level. A visit browses one category of a liked department
 * (views with dwell times, popular and well-fitting items first); some visits put an item in the
 * cart and some carts are bought. Buying a bundle item often buys its accessories in the same
 * visit, and viewing one often views them: the co-purchase and co-view structure a graph model can
 * find and popularity cannot.
 */
final class BehaviourSimulator {
    private static final double CART_RATE = 0.45;
    private static final double BUY_RATE = 0.65;
    private static final double CO_VIEW_RATE = 0.3;
    private static final double OFF_TASTE_RATE = 0.15;

    private final Random random;
    private final ShopCatalogGenerator.Catalog catalog;
    private final ShopConfig config;
    /** Per category: popularity-weighted draws of its item positions in O(1). */
    private final AliasTable[] popular;
    private final List<Set<String>> brandsOfCategory;

    BehaviourSimulator(Random random, ShopCatalogGenerator.Catalog catalog, ShopConfig config) {
        this.random = random;
        this.catalog = catalog;
        this.config = config;
        int categories = catalog.itemsByCategory().size();
        this.popular = new AliasTable[categories];
        this.brandsOfCategory = new ArrayList<>(categories);
        for (int c = 0; c < categories; c++) {
            List<Integer> pool = catalog.itemsByCategory().get(c);
            double[] weights = new double[pool.size()];
            Set<String> brands = new HashSet<>();
            for (int k = 0; k < weights.length; k++) {
                weights[k] = catalog.popularity().get(pool.get(k));
                brands.add(catalog.products().get(pool.get(k)).brand());
            }
            popular[c] = weights.length == 0 ? null : new AliasTable(weights);
            brandsOfCategory.add(brands);
        }
    }

    /** A shopper's taste: department weights, favourite brands, preferred price relative to the median. */
    private record Taste(double[] departments, Set<String> brands, double priceLevel) {}

    List<Shop.Event> simulate() {
        List<Shop.Event> events = new ArrayList<>();
        long periodSeconds = config.days() * 86_400L;
        for (int u = 0; u < config.users(); u++) {
            String user = String.format(Locale.ROOT, "user-%05d", u + 1);
            Taste taste = taste();
            int sessions = 1 + poisson(config.sessionsPerUser() - 1);
            long[] starts = new long[sessions];
            for (int s = 0; s < sessions; s++) {
                starts[s] = config.start().getEpochSecond() + (long) (random.nextDouble() * periodSeconds);
            }
            java.util.Arrays.sort(starts);
            for (long start : starts) {
                visit(user, taste, start, events);
            }
        }
        events.sort(java.util.Comparator.comparingLong(Shop.Event::epochSecond));
        return events;
    }

    private Taste taste() {
        int departments = ShopCatalogGenerator.DEPARTMENTS.size();
        double[] weights = new double[departments];
        int liked = 2 + random.nextInt(2);
        for (int k = 0; k < liked; k++) {
            weights[random.nextInt(departments)] += 0.5 + random.nextDouble();
        }
        Set<String> brands = new HashSet<>();
        for (int k = 0; k < 3; k++) {
            brands.add(catalog.products().get(random.nextInt(catalog.products().size())).brand());
        }
        return new Taste(weights, brands, Math.exp(0.3 * random.nextGaussian()));
    }

    private void visit(String user, Taste taste, long start, List<Shop.Event> out) {
        int department = random.nextDouble() < OFF_TASTE_RATE ? random.nextInt(taste.departments().length)
                : pick(taste.departments());
        List<Integer> categories = categoriesOf(department);
        // The anchor category draws half of a department's visits.
        int category = random.nextDouble() < 0.5 ? categories.get(0) : categories.get(random.nextInt(categories.size()));
        List<Integer> pool = catalog.itemsByCategory().get(category);
        if (pool.isEmpty()) {
            return;
        }
        long t = start;
        int views = 2 + geometric(0.2);
        List<Integer> viewed = new ArrayList<>();
        for (int v = 0; v < views; v++) {
            int item = pool.get(draw(category, taste));
            t = view(user, item, t, out);
            viewed.add(item);
            int bundle = catalog.bundleOf()[item];
            if (bundle >= 0 && random.nextDouble() < CO_VIEW_RATE) {
                for (int partner : catalog.bundles().get(bundle)) {
                    if (partner != item) {
                        t = view(user, partner, t, out);
                    }
                }
            }
        }
        if (random.nextDouble() >= CART_RATE) {
            return;
        }
        int chosen = viewed.get(random.nextInt(viewed.size()));
        t = buyOrAbandon(user, chosen, t, out);
    }

    /** Carts the item and maybe buys it; a bought bundle item often brings its accessories along. */
    private long buyOrAbandon(String user, int item, long t, List<Shop.Event> out) {
        t += 5 + random.nextInt(60);
        out.add(new Shop.Event(user, id(item), "cart", t, null, null));
        if (random.nextDouble() >= BUY_RATE) {
            return t;
        }
        t += 30 + random.nextInt(300);
        out.add(new Shop.Event(user, id(item), "purchase", t, null, random.nextDouble() < 0.1 ? 2 : 1));
        int bundle = catalog.bundleOf()[item];
        if (bundle >= 0) {
            for (int partner : catalog.bundles().get(bundle)) {
                if (partner != item && random.nextDouble() < config.bundlePartnerRate()) {
                    t = view(user, partner, t, out);
                    t += 5 + random.nextInt(30);
                    out.add(new Shop.Event(user, id(partner), "cart", t, null, null));
                    t += 20 + random.nextInt(120);
                    out.add(new Shop.Event(user, id(partner), "purchase", t, null, 1));
                }
            }
        }
        return t;
    }

    private long view(String user, int item, long t, List<Shop.Event> out) {
        double dwell = Math.round(Math.exp(Math.log(25) + 0.8 * random.nextGaussian()) * 10) / 10.0;
        out.add(new Shop.Event(user, id(item), "view", t, dwell, null));
        return t + (long) Math.ceil(dwell) + 3 + random.nextInt(20);
    }

    /**
     * A position in the category's pool drawn with probability proportional to {@link #appeal}: a
     * popularity draw accepted with probability appeal / (popularity × bound), exact rejection sampling.
     * O(1) expected per draw where scoring the whole pool per visit made the shop quadratic in its size.
     */
    private int draw(int category, Taste taste) {
        List<Integer> pool = catalog.itemsByCategory().get(category);
        double bound = 1;
        for (String brand : taste.brands()) {
            if (brandsOfCategory.get(category).contains(brand)) {
                bound = 3;
                break;
            }
        }
        while (true) {
            int k = popular[category].sample(random);
            int item = pool.get(k);
            if (random.nextDouble() * catalog.popularity().get(item) * bound <= appeal(item, taste)) {
                return k;
            }
        }
    }

    /** Popularity × brand liking × how well the price fits the shopper's level. */
    private double appeal(int item, Taste taste) {
        Shop.Product p = catalog.products().get(item);
        double median = catalog.categories().get(catalog.categoryOf().get(item)).medianPrice();
        double misfit = Math.log(p.price() / (median * taste.priceLevel()));
        double brand = taste.brands().contains(p.brand()) ? 3 : 1;
        return catalog.popularity().get(item) * brand * Math.exp(-misfit * misfit / (2 * 0.4 * 0.4));
    }

    private List<Integer> categoriesOf(int department) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < catalog.categories().size(); c++) {
            if (catalog.departmentOfCategory().get(c) == department) {
                out.add(c);
            }
        }
        return out;
    }

    private String id(int item) {
        return catalog.products().get(item).itemId();
    }

    private int pick(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double r = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r <= 0 && weights[i] > 0) {
                return i;
            }
        }
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        return random.nextInt(weights.length);
    }

    private int poisson(double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        for (double p = random.nextDouble(); p > l; p *= random.nextDouble()) {
            k++;
        }
        return k;
    }

    private int geometric(double p) {
        return (int) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - p));
    }
}
