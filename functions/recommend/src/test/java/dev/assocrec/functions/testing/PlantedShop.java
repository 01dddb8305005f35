package dev.assocrec.functions.testing;

import dev.assocrec.contract.EventType;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.contract.export.SyntheticVersions;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.graph.ItemGraphBuilder;
import dev.assocrec.training.model.EpochListener;
import dev.assocrec.training.model.GcnConfig;
import dev.assocrec.training.model.GcnTrainer;
import dev.assocrec.training.model.TrainedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small shop with planted taste: each user mostly buys within one category, so the GCN has real
 * structure to learn. Trained with the training module's graph builder and trainer, briefly, on CPU.
 */
public final class PlantedShop {
    private PlantedShop() {}

    public static Dataset dataset(int items, int users, long seed) {
        ItemCatalog catalog = SyntheticVersions.catalog(items);
        int categories = SyntheticVersions.CATEGORIES.size();
        int[][] attributes = new int[items][];
        for (int i = 0; i < items; i++) {
            attributes[i] = new int[] {i % categories};
        }
        List<String> attributeNames = SyntheticVersions.CATEGORIES.stream().map(c -> "category=" + c).toList();
        Random r = new Random(seed);
        List<UserHistory> train = new ArrayList<>(users);
        int[][] validation = new int[users][];
        int[][] test = new int[users][];
        EventType[] events = EventType.values();
        for (int u = 0; u < users; u++) {
            int taste = u % categories;
            int[] bought = new int[8];
            for (int j = 0; j < bought.length; j++) {
                int category = r.nextDouble() < 0.85 ? taste : r.nextInt(categories);
                bought[j] = category + categories * r.nextInt(items / categories);
            }
            int n = bought.length - 2;
            EventType[] kinds = new EventType[n];
            double[] times = new double[n];
            for (int j = 0; j < n; j++) {
                kinds[j] = events[r.nextInt(events.length)];
                times[j] = 1_790_000_000L + j * 86_400L;
            }
            train.add(new UserHistory("u" + u, java.util.Arrays.copyOf(bought, n), kinds, times, null, null));
            validation[u] = new int[] {bought[n]};
            test[u] = new int[] {bought[n + 1]};
        }
        return new Dataset(catalog, attributes, attributeNames, train, validation, test,
                PoolingConfig.defaultWeighted(), "planted categories, last two purchases held out", null);
    }

    public static TrainedModel train(Dataset data, int dims) {
        System.setProperty("ai.djl.offline", "true");
        GcnConfig config = GcnConfig.defaults().toBuilder().dims(dims).layers(2).maxEpochs(4).patience(2)
                .batchSize(256).learningRate(0.02).device("cpu").build();
        return new GcnTrainer(config, false).train(data,
                new ItemGraphBuilder(GraphConfig.defaults().withTopK(10), false).build(data), EpochListener.NONE);
    }
}
