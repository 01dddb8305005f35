package dev.assocrec.training.testdata;

import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generated sequences with planted structure: items form clusters (each cluster shares an
 * attribute), and a user walks within one cluster along a fixed successor order, with some noise
 * from globally popular items. Leave-last-out split like the S3-Rec files.
 */
public final class PlantedData {
    private PlantedData() {}

    public static Dataset sequences(int users, int clusters, int clusterSize, int length, long seed) {
        Random random = new Random(seed);
        int items = clusters * clusterSize;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            ids.add("item-" + i);
        }
        int[][] attrs = new int[items][];
        List<String> attrNames = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            attrNames.add("category=" + c);
        }
        for (int i = 0; i < items; i++) {
            attrs[i] = new int[] {i / clusterSize};
        }
        List<UserHistory> train = new ArrayList<>();
        int[][] validation = new int[users][];
        int[][] test = new int[users][];
        for (int u = 0; u < users; u++) {
            int c = random.nextInt(clusters);
            int pos = random.nextInt(clusterSize);
            int[] seq = new int[length];
            boolean[] used = new boolean[items];
            for (int t = 0; t < length; t++) {
                int item;
                do {
                    if (random.nextDouble() < 0.15) {
                        item = random.nextInt(Math.min(items, 5));
                    } else {
                        pos = (pos + 1 + (random.nextDouble() < 0.2 ? 1 : 0)) % clusterSize;
                        item = c * clusterSize + pos;
                    }
                } while (used[item] && allowRetry(used, c, clusterSize));
                used[item] = true;
                seq[t] = item;
            }
            seq = Arrays.stream(seq).distinct().toArray();
            train.add(UserHistory.ofSequence("u" + u, Arrays.copyOf(seq, seq.length - 2)));
            validation[u] = new int[] {seq[seq.length - 2]};
            test[u] = new int[] {seq[seq.length - 1]};
        }
        return new Dataset(ItemCatalog.ofIds(ids), attrs, attrNames, train, validation, test,
                PoolingConfig.positional(2), "planted leave-last-out", null);
    }

    private static boolean allowRetry(boolean[] used, int c, int size) {
        for (int i = c * size; i < (c + 1) * size; i++) {
            if (!used[i]) {
                return true;
            }
        }
        return false;
    }

    /** A tiny hand-made dataset: histories given directly, no attributes, one validation and test item each. */
    public static Dataset of(int items, int[][] train, int[][] validation, int[][] test) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            ids.add("i" + i);
        }
        List<UserHistory> h = new ArrayList<>();
        for (int u = 0; u < train.length; u++) {
            h.add(UserHistory.ofSequence("u" + u, train[u]));
        }
        int[][] attrs = new int[items][];
        Arrays.fill(attrs, new int[0]);
        return new Dataset(ItemCatalog.ofIds(ids), attrs, List.of(), h, validation, test, PoolingConfig.mean(),
                "hand-made", null);
    }
}
