package dev.assocrec.training.cli;

import dev.assocrec.training.demo.Shop;
import dev.assocrec.training.demo.ShopConfig;
import dev.assocrec.training.demo.ShopCsvWriter;
import dev.assocrec.training.demo.SyntheticShop;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Write a synthetic shop (catalog.csv, events.csv) to a folder.",
            "",
            "catalog.csv lists items with category, brand, price and title; events.csv",
            "has views with dwell times, carts and purchases, in exactly the input",
            "format that inspect and training read. Shoppers favour a few departments",
            "and brands, and accessories are often bought with their main product, so",
            "a graph model has real associations to find. The same --seed always",
            "gives the same shop."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write (created if missing).")
    Path out;

    @Option(names = "--items", paramLabel = "N", defaultValue = "2000", description = "Catalogue size. Default: ${DEFAULT-VALUE}.")
    int items;

    @Option(names = "--users", paramLabel = "N", defaultValue = "3000", description = "Number of shoppers. Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--sessions-per-user", paramLabel = "X", defaultValue = "6",
            description = "Mean visits per shopper (about 8 events each). Default: ${DEFAULT-VALUE}.")
    double sessionsPerUser;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        ShopConfig defaults = ShopConfig.defaults();
        ShopConfig config;
        try {
            config = new ShopConfig(seed, items, users, sessionsPerUser, defaults.bundleShare(),
                    defaults.bundlePartnerRate(), defaults.start(), defaults.days());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Shop shop = SyntheticShop.generate(config);
        ShopCsvWriter.write(shop, out);
        var w = spec.commandLine().getOut();
        w.printf("wrote %s: %,d items, %,d bundles%n", out.resolve(ShopCsvWriter.CATALOG_FILE), shop.catalog().size(), shop.bundles().size());
        w.printf("wrote %s: %,d events from %,d shoppers%n", out.resolve(ShopCsvWriter.EVENTS_FILE), shop.events().size(),
                shop.events().stream().map(Shop.Event::userId).distinct().count());
        w.printf("next: assocrec inspect --events %s --catalog %s%n", out.resolve(ShopCsvWriter.EVENTS_FILE),
                out.resolve(ShopCsvWriter.CATALOG_FILE));
        return AssocrecCli.EXIT_OK;
    }
}
