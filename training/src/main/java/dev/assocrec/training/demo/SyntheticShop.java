package dev.assocrec.training.demo;

import java.util.List;
import java.util.Random;

/**
 * A deterministic, realistic-looking shop for demos and tests: the same config always gives the
 * same catalogue and events. See {@link ShopCatalogGenerator} and {@link BehaviourSimulator} for
 * what is planted.
 */
public final class SyntheticShop {
    private SyntheticShop() {}

    public static Shop generate(ShopConfig config) {
        Random random = new Random(config.seed());
        ShopCatalogGenerator.Catalog catalog = new ShopCatalogGenerator(random).generate(config);
        List<Shop.Event> events = new BehaviourSimulator(random, catalog, config).simulate();
        List<List<String>> bundles = catalog.bundles().stream()
                .map(b -> b.stream().map(i -> catalog.products().get(i).itemId()).toList()).toList();
        return new Shop(catalog.products(), events, bundles);
    }
}
