package dev.assocrec.functions.testing;

import dev.assocrec.functions.api.HistoryItem;
import dev.assocrec.functions.api.RelatedRequest;
import dev.assocrec.packaging.lambda.LambdaPackage;
import dev.assocrec.store.LocalModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the build's AppCDS recording start serves (functions/recommend/pom.xml, {@code custom-runtime}): a store with
 * one planted version (600 items × 16 dims), and the events it is handed, one file each, in the order sent:
 * {@code POST /recommend}, {@code POST /related}, {@code GET /model}. Arguments: the store folder, the events folder.
 */
public final class RecordingStore {
    private RecordingStore() {}

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        Path events = Path.of(args[1]);
        TestFiles.deleteTree(store);
        TestFiles.deleteTree(events);
        try (LocalModelStore local = new LocalModelStore(store)) {
            TestModels.publish(local, "cds-recording", 7, true);
        }
        var catalog = TestModels.Tables.read(TestModels.versionDir(store, "cds-recording")).catalog();
        List<HistoryItem> history = List.of(
                new HistoryItem(catalog.get(4).itemId(), "purchase", "2026-11-20T10:00:00Z", null),
                new HistoryItem(catalog.get(40).itemId(), "view", "2026-11-27T10:00:00Z", 2.0),
                new HistoryItem(catalog.get(400).itemId(), null, null, null));
        Files.createDirectories(events);
        Files.writeString(events.resolve("1-recommend.json"),
                LambdaPackage.postEvent("/recommend", Api.json(Map.of("history", history, "k", 10))));
        Files.writeString(events.resolve("2-related.json"),
                LambdaPackage.postEvent("/related", Api.json(new RelatedRequest(catalog.get(17).itemId(), null, 5, null))));
        Files.writeString(events.resolve("3-model.json"), LambdaPackage.event("GET", "/model", null));
    }
}
