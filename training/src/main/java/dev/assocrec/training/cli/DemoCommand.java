package dev.assocrec.training.cli;

import dev.assocrec.contract.export.ModelVersionWriter;
import dev.assocrec.store.ModelStore;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.demo.Shop;
import dev.assocrec.training.demo.ShopConfig;
import dev.assocrec.training.demo.ShopCsvWriter;
import dev.assocrec.training.demo.SyntheticShop;
import dev.assocrec.training.eval.QualityGate;
import dev.assocrec.training.ingest.BadInputException;
import dev.assocrec.training.ingest.DatasetRequest;
import dev.assocrec.training.ingest.IngestSettings;
import dev.assocrec.training.ingest.InputFormat;
import dev.assocrec.training.pipeline.PublishedRun;
import dev.assocrec.training.pipeline.StepLog;
import dev.assocrec.training.pipeline.TrainingDefaults;
import dev.assocrec.training.pipeline.TrainingPipeline;
import dev.assocrec.training.pipeline.TrainingSettings;
import dev.assocrec.training.util.CommandName;
import dev.assocrec.training.util.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "The whole job on a generated shop, locally.",
            "",
            "No cloud account, no download: generates a synthetic shop",
            "(<out>/shop/events.csv, catalog.csv), trains the GCN, evaluates it against",
            "popularity and item-kNN, publishes the version to a local model store,",
            "prints the report and a sample recommendation computed from the published",
            "version. The default size trains in about a minute on",
            "two cores."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--out", "--store"}, paramLabel = "DIR", defaultValue = "demo-store",
            description = "Local model store (the shop's files go to its shop/ folder). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--items", paramLabel = "N", defaultValue = "2000", description = "Catalogue size. Default: ${DEFAULT-VALUE}.")
    int items;

    @Option(names = "--users", paramLabel = "N", defaultValue = "3000", description = "Number of shoppers. Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Seed of the shop and of training. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    HyperParameterOptions hyper;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        PrintWriter console = spec.commandLine().getOut();
        StepLog log = new StepLog(console);
        ShopConfig config;
        try {
            config = ShopConfig.defaults().withSize(seed, items, users);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--items/--users: " + e.getMessage());
        }
        TrainingSettings settings = hyper.apply(TrainingDefaults.forFormat(InputFormat.CSV).settings(), seed);
        Path shopDir = out.resolve("shop");
        Shop shop = log.step("generate", shopDir.toString(), () -> {
            Shop s = SyntheticShop.generate(config);
            ShopCsvWriter.write(s, shopDir);
            return s;
        }, s -> String.format(Locale.ROOT, "%,d items, %,d events", s.catalog().size(), s.events().size()));
        DatasetRequest request = DatasetRequest.events(InputFormat.CSV, shopDir.resolve(ShopCsvWriter.EVENTS_FILE).toString(),
                shopDir.resolve(ShopCsvWriter.CATALOG_FILE).toString());
        String version = ModelVersionWriter.timestampVersion(Instant.now());
        int exit;
        try (ModelStore store = StoreTarget.open("--out", out.toString())) {
            Dataset data = DatasetStep.load(log, request, IngestSettings.defaults().withSeed(seed));
            PublishedRun run = new TrainingPipeline(log, Progress.interactive()).trainAndPublish("demo shop", data,
                    settings, StoreTarget.publication(store, out.toString(), version, null,
                            new QualityGate(QualityGate.DEFAULT_TOLERANCE), false));
            MetricsTable.print(console, run.run().report());
            ReleaseSummary.print(console, run);
            console.printf("%nshop data:     %s (%,d bundles planted)%n", shopDir, shop.bundles().size());
            console.printf("model store:   %s, current = %s%n", run.storeLocation(), store.currentVersion().orElse("none"));
            console.printf("model version: %s%n", out.resolve("models").resolve(version));
            MetricsTable.printReportFiles(console, run.reportDir());
            SampleRecommendation.print(console, store, version, data);
            exit = ReleaseSummary.exitCode(run);
        }
        console.printf(Locale.ROOT, "%ndemo finished in %.0f s. Next: %s --store %s%n",
                (System.nanoTime() - start) / 1e9, CommandName.of("versions"), out);
        return exit;
    }
}
