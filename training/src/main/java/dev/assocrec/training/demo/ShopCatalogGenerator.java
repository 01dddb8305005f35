package dev.assocrec.training.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Makes a catalogue: departments of related categories (an anchor product and its accessories),
 * brands per department, log-normal prices around each category's typical price, titles, a
 * popularity skew within each category, and complementary bundles (an anchor item with one or two
 * accessories from its department).
 */
final class ShopCatalogGenerator {
    /** A category with its typical price and the noun its titles use. */
    record Category(String name, String noun, double medianPrice) {}

    /** Related categories; the first is the anchor whose items get accessory bundles. */
    record Department(String name, List<Category> categories) {}

    static final List<Department> DEPARTMENTS = List.of(
            new Department("phones", List.of(new Category("phones", "Smartphone", 420), new Category("phone-cases", "Phone Case", 19),
                    new Category("chargers", "Fast Charger", 25), new Category("headphones", "Wireless Earbuds", 79))),
            new Department("laptops", List.of(new Category("laptops", "Laptop", 950), new Category("laptop-bags", "Laptop Sleeve", 39),
                    new Category("mice", "Wireless Mouse", 24))),
            new Department("cameras", List.of(new Category("cameras", "Mirrorless Camera", 640), new Category("memory-cards", "SD Card", 21),
                    new Category("tripods", "Travel Tripod", 55))),
            new Department("camping", List.of(new Category("tents", "Dome Tent", 190), new Category("sleeping-bags", "Sleeping Bag", 85),
                    new Category("camping-stoves", "Camping Stove", 60))),
            new Department("running", List.of(new Category("running-shoes", "Running Shoe", 110), new Category("sports-socks", "Running Socks", 12),
                    new Category("water-bottles", "Water Bottle", 16))),
            new Department("coffee", List.of(new Category("coffee-makers", "Espresso Machine", 160), new Category("coffee-beans", "Coffee Beans 1kg", 15),
                    new Category("mugs", "Travel Mug", 11))),
            new Department("books", List.of(new Category("books", "Paperback Novel", 14))),
            new Department("games", List.of(new Category("board-games", "Board Game", 35))));

    private static final String[] SYLLABLES = {"nor", "vex", "al", "tor", "zen", "kai", "lum", "ora", "fen", "dax", "mir", "sol",
            "tek", "vin", "qua", "bri", "cor", "eko", "ryn", "sta"};
    private static final String[] ADJECTIVES = {"Classic", "Pro", "Lite", "Ultra", "Eco", "Sport", "Compact", "Max", "Air", "Prime"};

    /** What the generator made, with the structure the behaviour simulator needs. */
    record Catalog(List<Shop.Product> products, List<Integer> departmentOfCategory, List<Integer> categoryOf,
                   List<Double> popularity, List<List<Integer>> itemsByCategory, List<Category> categories,
                   List<List<Integer>> bundles, int[] bundleOf) {}

    private final Random random;

    ShopCatalogGenerator(Random random) {
        this.random = random;
    }

    Catalog generate(ShopConfig config) {
        List<Category> categories = new ArrayList<>();
        List<Integer> departmentOfCategory = new ArrayList<>();
        for (int d = 0; d < DEPARTMENTS.size(); d++) {
            for (Category c : DEPARTMENTS.get(d).categories()) {
                categories.add(c);
                departmentOfCategory.add(d);
            }
        }
        List<List<String>> brandsByDepartment = new ArrayList<>();
        for (int d = 0; d < DEPARTMENTS.size(); d++) {
            List<String> brands = new ArrayList<>();
            for (int b = 0; b < 5 + random.nextInt(4); b++) {
                brands.add(brandName());
            }
            brandsByDepartment.add(brands);
        }

        double[] share = new double[categories.size()];
        double sum = 0;
        for (int c = 0; c < share.length; c++) {
            share[c] = 0.5 + random.nextDouble();
            sum += share[c];
        }
        List<Shop.Product> products = new ArrayList<>();
        List<Integer> categoryOf = new ArrayList<>();
        List<Double> popularity = new ArrayList<>();
        List<List<Integer>> itemsByCategory = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            itemsByCategory.add(new ArrayList<>());
        }
        for (int i = 0; i < config.items(); i++) {
            int c = pick(share, sum);
            Category category = categories.get(c);
            int d = departmentOfCategory.get(c);
            List<String> brands = brandsByDepartment.get(d);
            int brandRank = Math.min(brands.size() - 1, (int) Math.floor(-Math.log(1 - random.nextDouble()) * 2));
            String brand = brands.get(brandRank);
            double premium = 0.3 * (1 - 2.0 * brandRank / brands.size());
            double price = Math.exp(Math.log(category.medianPrice()) + premium + 0.35 * random.nextGaussian());
            price = price >= 5 ? Math.floor(price) + 0.99 : Math.round(price * 100) / 100.0;
            String title = capitalise(brand) + " " + ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + category.noun()
                    + " " + (char) ('A' + random.nextInt(26)) + (100 + random.nextInt(900));
            products.add(new Shop.Product(String.format(Locale.ROOT, "SKU-%05d", 10001 + i), category.name(), brand, price, title));
            categoryOf.add(c);
            itemsByCategory.get(c).add(i);
        }
        // A few hits per category and a long tail.
        for (int i = 0; i < config.items(); i++) {
            popularity.add(0.0);
        }
        for (List<Integer> items : itemsByCategory) {
            List<Integer> order = new ArrayList<>(items);
            Collections.shuffle(order, random);
            for (int rank = 0; rank < order.size(); rank++) {
                popularity.set(order.get(rank), 1 / Math.pow(rank + 1, 0.8));
            }
        }
        int[] bundleOf = new int[config.items()];
        java.util.Arrays.fill(bundleOf, -1);
        List<List<Integer>> bundles = makeBundles(config, categoryOf, departmentOfCategory, itemsByCategory, bundleOf);
        return new Catalog(products, departmentOfCategory, categoryOf, popularity, itemsByCategory, categories, bundles, bundleOf);
    }

    /** Anchor items get one or two accessories from the other categories of their department. */
    private List<List<Integer>> makeBundles(ShopConfig config, List<Integer> categoryOf, List<Integer> departmentOfCategory,
                                            List<List<Integer>> itemsByCategory, int[] bundleOf) {
        List<List<Integer>> bundles = new ArrayList<>();
        int target = (int) Math.round(config.bundleShare() * config.items());
        int inBundles = 0;
        List<Integer> anchors = new ArrayList<>();
        for (int d = 0, c = 0; d < DEPARTMENTS.size(); c += DEPARTMENTS.get(d).categories().size(), d++) {
            if (DEPARTMENTS.get(d).categories().size() > 1) {
                anchors.add(c);
            }
        }
        List<Integer> candidates = new ArrayList<>();
        for (int anchor : anchors) {
            candidates.addAll(itemsByCategory.get(anchor));
        }
        Collections.shuffle(candidates, random);
        for (int anchorItem : candidates) {
            if (inBundles >= target) {
                break;
            }
            int anchorCategory = categoryOf.get(anchorItem);
            int dept = departmentOfCategory.get(anchorCategory);
            List<Integer> bundle = new ArrayList<>(List.of(anchorItem));
            int partners = 1 + random.nextInt(2);
            for (int attempt = 0; attempt < 20 && bundle.size() <= partners; attempt++) {
                int c = anchorCategory + 1 + random.nextInt(DEPARTMENTS.get(dept).categories().size() - 1);
                List<Integer> pool = itemsByCategory.get(c);
                if (pool.isEmpty()) {
                    continue;
                }
                int partner = pool.get(random.nextInt(pool.size()));
                if (bundleOf[partner] < 0 && !bundle.contains(partner)) {
                    bundle.add(partner);
                }
            }
            if (bundle.size() > 1) {
                for (int item : bundle) {
                    bundleOf[item] = bundles.size();
                }
                bundles.add(List.copyOf(bundle));
                inBundles += bundle.size();
            }
        }
        return bundles;
    }

    private int pick(double[] weights, double sum) {
        double r = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r <= 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private String brandName() {
        return SYLLABLES[random.nextInt(SYLLABLES.length)] + SYLLABLES[random.nextInt(SYLLABLES.length)];
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
