package dev.assocrec.training.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Loads the public benchmark files for the quality benchmark: S3-Rec sequence files (leave-last-out)
 * and the LightGCN split (validation carved from train).
 */
public final class BenchmarkData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchmarkData() {}

    /** `user item item ...` per line in time order; the last item is test, the one before validation. */
    public static Dataset sequences(Path sequenceFile, Path attributeFile, PoolingConfig pooling) throws IOException {
        List<String> userIds = new ArrayList<>();
        List<String[]> rawItems = new ArrayList<>();
        TreeMap<Long, String> ids = new TreeMap<>();
        readLines(sequenceFile, (lineNo, tokens) -> {
            if (tokens.length < 4) {
                throw new IOException(sequenceFile + ":" + lineNo + ": user " + tokens[0] + " has " + (tokens.length - 1)
                        + " items; leave-last-out needs at least 3");
            }
            userIds.add(tokens[0]);
            String[] items = Arrays.copyOfRange(tokens, 1, tokens.length);
            for (String it : items) {
                ids.put(parseId(it, sequenceFile, lineNo), it);
            }
            rawItems.add(items);
        });
        ItemCatalog catalog = ItemCatalog.ofIds(new ArrayList<>(ids.values()));
        List<UserHistory> train = new ArrayList<>();
        int[][] validation = new int[userIds.size()][];
        int[][] test = new int[userIds.size()][];
        for (int u = 0; u < userIds.size(); u++) {
            String[] raw = rawItems.get(u);
            int[] idx = new int[raw.length];
            for (int k = 0; k < raw.length; k++) {
                idx[k] = catalog.indexOf(raw[k]).getAsInt();
            }
            train.add(UserHistory.ofSequence(userIds.get(u), Arrays.copyOf(idx, idx.length - 2)));
            validation[u] = new int[] {idx[idx.length - 2]};
            test[u] = new int[] {idx[idx.length - 1]};
        }
        List<String> attrNames = new ArrayList<>();
        int[][] attrs = readAttributes(attributeFile, catalog, attrNames);
        ObjectNode prov = JSON.createObjectNode();
        prov.put("sequences", sequenceFile.toString());
        prov.put("attributes", attributeFile == null ? null : attributeFile.toString());
        prov.put("users", userIds.size());
        prov.put("items", catalog.size());
        return new Dataset(catalog, attrs, attrNames, train, validation, test, pooling,
                "leave-last-out: last item test, second last validation; full ranking, known items masked", prov);
    }

    private static int[][] readAttributes(Path file, ItemCatalog catalog, List<String> names) throws IOException {
        int[][] attrs = new int[catalog.size()][];
        Arrays.fill(attrs, new int[0]);
        if (file == null) {
            return attrs;
        }
        JsonNode root = JSON.readTree(file.toFile());
        Map<Integer, Integer> dense = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            var index = catalog.indexOf(e.getKey());
            if (index.isEmpty()) {
                continue;
            }
            int[] a = new int[e.getValue().size()];
            for (int k = 0; k < a.length; k++) {
                int raw = e.getValue().get(k).asInt();
                Integer id = dense.get(raw);
                if (id == null) {
                    id = dense.size();
                    dense.put(raw, id);
                    names.add("attr=" + raw);
                }
                a[k] = id;
            }
            attrs[index.getAsInt()] = a;
        }
        return attrs;
    }

    /**
     * The LightGCN split; a seeded {@code validationShare} of each user's train items (users with at
     * least 3) becomes the validation split used for early stopping and model selection.
     */
    public static Dataset lightGcn(Path dir, double validationShare, long seed) throws IOException {
        List<String> userIds = new ArrayList<>();
        List<int[]> trainItems = new ArrayList<>();
        int maxItem = -1;
        for (String part : new String[] {"train.part1.txt", "train.part2.txt"}) {
            Path f = dir.resolve(part);
            int[] max = {maxItem};
            readLines(f, (lineNo, tokens) -> {
                userIds.add(tokens[0]);
                int[] items = new int[tokens.length - 1];
                for (int k = 1; k < tokens.length; k++) {
                    items[k - 1] = (int) parseId(tokens[k], f, lineNo);
                    max[0] = Math.max(max[0], items[k - 1]);
                }
                trainItems.add(items);
            });
            maxItem = max[0];
        }
        Map<String, int[]> testByUser = new TreeMap<>();
        Path testFile = dir.resolve("test.txt");
        readLines(testFile, (lineNo, tokens) -> {
            int[] items = new int[tokens.length - 1];
            for (int k = 1; k < tokens.length; k++) {
                items[k - 1] = (int) parseId(tokens[k], testFile, lineNo);
            }
            testByUser.put(tokens[0], items);
        });
        for (int[] t : testByUser.values()) {
            for (int i : t) {
                maxItem = Math.max(maxItem, i);
            }
        }
        List<String> itemIds = new ArrayList<>();
        for (int i = 0; i <= maxItem; i++) {
            itemIds.add(Integer.toString(i));
        }
        Random random = new Random(seed);
        List<UserHistory> train = new ArrayList<>();
        int[][] validation = new int[userIds.size()][];
        int[][] test = new int[userIds.size()][];
        for (int u = 0; u < userIds.size(); u++) {
            int[] items = trainItems.get(u);
            int nVal = items.length >= 3 ? (int) Math.round(validationShare * items.length) : 0;
            int[] shuffled = items.clone();
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            validation[u] = Arrays.copyOf(shuffled, nVal);
            java.util.Set<Integer> held = new java.util.HashSet<>();
            for (int v : validation[u]) {
                held.add(v);
            }
            train.add(UserHistory.ofSequence(userIds.get(u), Arrays.stream(items).filter(i -> !held.contains(i)).toArray()));
            test[u] = testByUser.getOrDefault(userIds.get(u), new int[0]);
        }
        ObjectNode prov = JSON.createObjectNode();
        prov.put("dir", dir.toString());
        prov.put("validationShare", validationShare);
        prov.put("seed", seed);
        int[][] noAttrs = new int[itemIds.size()][];
        Arrays.fill(noAttrs, new int[0]);
        return new Dataset(ItemCatalog.ofIds(itemIds), noAttrs, List.of(), train, validation, test, PoolingConfig.mean(),
                "LightGCN split: all items ranked, train items masked; validation = " + validationShare
                        + " of each user's train items", prov);
    }

    /** Merges validation into train (for a refit on all known items at a chosen epoch count). */
    public static Dataset withValidationInTrain(Dataset d) {
        List<UserHistory> train = new ArrayList<>();
        int[][] empty = new int[d.userCount()][];
        for (int u = 0; u < d.userCount(); u++) {
            train.add(dev.assocrec.training.eval.EvalTask.append(d.train().get(u), d.validation()[u], d.pooling()));
            empty[u] = new int[0];
        }
        return new Dataset(d.catalog(), d.itemAttributes(), d.attributeNames(), train, empty, d.test(), d.pooling(),
                d.protocol(), d.provenance());
    }

    public static Dataset withPooling(Dataset d, PoolingConfig pooling) {
        return new Dataset(d.catalog(), d.itemAttributes(), d.attributeNames(), d.train(), d.validation(), d.test(), pooling,
                d.protocol(), d.provenance());
    }

    private interface LineHandler {
        void accept(int lineNo, String[] tokens) throws IOException;
    }

    private static void readLines(Path file, LineHandler handler) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String trimmed = line.trim();
                if (!trimmed.isEmpty()) {
                    handler.accept(lineNo, trimmed.split("\\s+"));
                }
            }
        }
    }

    private static long parseId(String token, Path file, int lineNo) throws IOException {
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw new IOException(file + ":" + lineNo + ": item id '" + token + "' is not a number", e);
        }
    }
}
