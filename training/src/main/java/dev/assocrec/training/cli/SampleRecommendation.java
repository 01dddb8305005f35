package dev.assocrec.training.cli;

import dev.assocrec.contract.HistoryEntry;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.HistoryPooling;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.ItemRecord;
import dev.assocrec.contract.LocalFiles;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.store.ModelStore;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import dev.assocrec.training.eval.EvalTask;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Recommended for you" for one shopper, computed the way serving does it: from the published
 * version as downloaded from the store, with the contract's pooling and {@link ReferenceScorer}.
 */
final class SampleRecommendation {
    static final int SHOWN = 10;
    private static final int MIN_HISTORY = 5;
    private static final int HISTORY_SHOWN = 6;

    private SampleRecommendation() {}

    static void print(PrintWriter out, ModelStore store, String version, Dataset data) throws IOException {
        int user = firstUserWithHeldOutItem(data);
        if (user < 0) {
            out.println("no shopper with a held-out item to show a sample recommendation for");
            return;
        }
        Path work = Files.createTempDirectory("assocrec-sample-");
        try {
            ModelVersion model = store.download(version, work.resolve(version));
            ItemCatalog items = model.catalog();
            // What serving knows about the shopper: everything before the held-out test item.
            UserHistory known = EvalTask.append(data.train().get(user), data.validation()[user], data.pooling());
            List<HistoryEntry> entries = new ArrayList<>();
            int[] history = new int[known.size()];
            for (int i = 0; i < known.size(); i++) {
                history[i] = items.indexOf(data.catalog().get(known.items()[i]).itemId()).orElseThrow();
                entries.add(new HistoryEntry(history[i], known.eventAt(i), known.times()[i], 1.0));
            }
            EmbeddingTable context = model.readContextTable();
            float[] weights = HistoryPooling.weights(entries, model.manifest().pooling(), context);
            ReferenceScorer scorer = new ReferenceScorer(context, model.readTargetTable());
            ReferenceScorer.Ranked top = scorer.topK(history, weights, SHOWN);

            out.printf("%nSample: shopper %s, %d known events; the latest:%n", known.userId(), known.size());
            for (int i = Math.max(0, known.size() - HISTORY_SHOWN); i < known.size(); i++) {
                out.printf("  %-8s %s%n", known.eventAt(i).wireName(), describe(items.get(history[i])));
            }
            String heldOut = data.catalog().get(data.test()[user][0]).itemId();
            out.printf("Recommended for %s (version %s, ReferenceScorer):%n", known.userId(), version);
            int hitRank = -1;
            for (int r = 0; r < top.items().length; r++) {
                ItemRecord item = items.get(top.items()[r]);
                if (item.itemId().equals(heldOut)) {
                    hitRank = r + 1;
                }
                out.printf(Locale.ROOT, "  %2d. %s  score %.3f%n", r + 1, describe(item), top.scores()[r]);
            }
            out.printf("Held-out next item: %s — %s%n", describe(items.get(items.indexOf(heldOut).orElseThrow())),
                    hitRank > 0 ? "recommended at rank " + hitRank : "not in the top " + SHOWN);
        } finally {
            LocalFiles.deleteTree(work);
        }
    }

    private static int firstUserWithHeldOutItem(Dataset data) {
        for (int u = 0; u < data.userCount(); u++) {
            if (data.test()[u].length > 0 && data.train().get(u).size() >= MIN_HISTORY) {
                return u;
            }
        }
        return -1;
    }

    private static String describe(ItemRecord item) {
        StringBuilder s = new StringBuilder(item.itemId());
        if (item.title() != null) {
            s.append(' ').append(item.title());
        }
        List<String> facts = new ArrayList<>();
        if (item.category() != null) {
            facts.add(item.category());
        }
        if (item.brand() != null) {
            facts.add(item.brand());
        }
        if (item.price() != null) {
            facts.add(String.format(Locale.ROOT, "%.2f", item.price()));
        }
        return facts.isEmpty() ? s.toString() : s.append(" (").append(String.join(", ", facts)).append(')').toString();
    }
}
