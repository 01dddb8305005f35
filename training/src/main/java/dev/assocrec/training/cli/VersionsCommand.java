package dev.assocrec.training.cli;

import dev.assocrec.contract.Manifest;
import dev.assocrec.store.ModelStore;
import dev.assocrec.store.StorePin;
import dev.assocrec.training.util.CommandName;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "versions", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "List the model versions in a store and which one is current.",
            "",
            "One line per version: name, created time, items, dimensions, test metrics",
            "(GCN Recall@20 and NDCG@20, popularity and item-kNN Recall@20); the current",
            "one is marked *, one pinned by a rollback 'pinned'.",
            "",
            "Example:",
            "  ${ROOT-COMMAND-NAME} versions --store s3://shop-models"})
final class VersionsCommand extends StoreCommand {
    @Override
    int run(ModelStore source, PrintWriter out) throws Exception {
        List<String> versions = source.listVersions();
        String current = source.currentVersion().orElse(null);
        StorePin pin = source.pin().orElse(null);
        if (versions.isEmpty()) {
            out.printf("no model versions in %s%n", source.location());
            return AssocrecCli.EXIT_OK;
        }
        out.printf(Locale.ROOT, "  %-24s %-20s %8s %5s %9s %9s %9s %9s%n", "version", "created (UTC)", "items", "dims",
                "gcn R@20", "gcn N@20", "pop R@20", "knn R@20");
        for (String v : versions) {
            Manifest m = source.readManifest(v);
            out.printf(Locale.ROOT, "%s %-24s %-20s %8d %5d %9s %9s %9s %9s%s%n", v.equals(current) ? "*" : " ", v,
                    m.createdAt().toString().replace('T', ' ').replaceAll("(\\.\\d+)?Z$", ""), m.itemCount(),
                    m.dimensions(), metric(m, "gcn", "recall@20"), metric(m, "gcn", "ndcg@20"),
                    metric(m, "popularity", "recall@20"), metric(m, "itemknn", "recall@20"),
                    pin != null && v.equals(pin.version()) ? "  pinned" : "");
        }
        out.printf("current: %s%n", current == null ? "none" : current);
        if (pin != null) {
            out.printf("pinned: %s (%s at %s); training runs store new versions without making them current "
                    + "until '%s --store %s'%n", pin.version(), pin.by(), pin.pinnedAt(), CommandName.of("unpin"), store.location);
        }
        return AssocrecCli.EXIT_OK;
    }

    private static String metric(Manifest m, String model, String name) {
        Map<String, Double> values = m.metrics().get(model);
        Double v = values == null ? null : values.get(name);
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
