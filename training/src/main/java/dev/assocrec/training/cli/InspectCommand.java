package dev.assocrec.training.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.ingest.DatasetLoader;
import dev.assocrec.training.report.SkippedRows;
import dev.assocrec.training.util.Progress;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Read input data as training would and report what was found.",
            "",
            "Prints users, items, attributes, skipped rows by reason (with the first",
            "example of each) and the train/validation/test split. Use it to check",
            "a new export before training.",
            "",
            "Examples:",
            "  ${ROOT-COMMAND-NAME} inspect --events events.csv --catalog catalog.csv",
            "  ${ROOT-COMMAND-NAME} inspect --input Beauty.txt --attributes Beauty_item2attributes.json",
            "  ${ROOT-COMMAND-NAME} inspect --train train.part1.txt train.part2.txt --test test.txt"})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--json", description = "Print the full provenance record (as stored in the model manifest) as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Dataset d = new DatasetLoader(input.settings(), Progress.console()).load(input.request());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(d.provenance().toPrettyString());
            return AssocrecCli.EXIT_OK;
        }
        JsonNode p = d.provenance();
        JsonNode split = p.get("split");
        out.printf("format:       %s%n", p.get("format").asText());
        out.printf("users:        %,d%n", d.userCount());
        out.printf("items:        %,d%n", d.itemCount());
        out.printf("attributes:   %,d%n", d.attributeNames().size());
        out.printf("split:        %s%n", d.protocol());
        out.printf("  train:      %,d interactions%n", split.get("trainInteractions").asLong());
        out.printf("  validation: %,d items for %,d users%n", split.get("validationItems").asLong(), split.get("usersWithValidation").asLong());
        out.printf("  test:       %,d items for %,d users%n", split.get("testItems").asLong(), split.get("usersWithTest").asLong());
        out.printf("pooling:      %s%n", describe(d.pooling()));
        SkippedRows.of(p).lines().forEach(out::println);
        if (p.has("notes")) {
            p.get("notes").forEach(n -> out.println("note: " + n.asText()));
        }
        return AssocrecCli.EXIT_OK;
    }

    static String describe(PoolingConfig pooling) {
        if (pooling.mode() == PoolingConfig.Mode.MEAN) {
            return "mean of the history's item vectors";
        }
        if (pooling.mode() == PoolingConfig.Mode.ATTENTION) {
            PoolingConfig.Attention a = pooling.attention();
            double norm = Math.sqrt(a.vector().stream().mapToDouble(v -> v * v).sum());
            StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "attention, |vector| %.3f, recency %+.4f per %s", norm, a.recencySlope(),
                    pooling.timeAxis() == PoolingConfig.TimeAxis.SECONDS ? "day" : "item"));
            a.typeBias().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> b.append(String.format(java.util.Locale.ROOT, ", %s %+.3f", e.getKey().wireName(), e.getValue())));
            return b.toString();
        }
        StringBuilder b = new StringBuilder("weighted");
        pooling.eventWeights().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(", ").append(e.getKey().wireName()).append(" ").append(e.getValue()));
        if (pooling.recencyHalfLife() > 0) {
            b.append(pooling.timeAxis() == PoolingConfig.TimeAxis.SECONDS
                    ? String.format(java.util.Locale.ROOT, ", recency half-life %.1f days", pooling.recencyHalfLife() / 86_400)
                    : String.format(java.util.Locale.ROOT, ", recency half-life %.1f items", pooling.recencyHalfLife()));
        }
        return b.toString();
    }
}
