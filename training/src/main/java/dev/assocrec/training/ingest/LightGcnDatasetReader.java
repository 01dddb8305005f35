package dev.assocrec.training.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The LightGCN / NGCF benchmark files: {@code train.txt} (possibly in several parts, read in order as
 * one file) and {@code test.txt}, lines {@code user item item ...} with 0-based integer ids. The
 * item index is the item id, so results compare with the papers. Validation is carved out of train
 * only: a seeded random share of each user's train items (users with at least 2, keeping at least one).
 */
public final class LightGcnDatasetReader {
    private final IngestSettings settings;

    public LightGcnDatasetReader(IngestSettings settings) {
        this.settings = settings;
    }

    public Dataset read(List<Path> trainParts, Path test) throws BadInputException, IOException {
        if (trainParts.isEmpty()) {
            throw new BadInputException("the LightGCN format needs at least one --train file");
        }
        Map<Integer, int[]> train = new TreeMap<>();
        UserLinesFile trainFiles = new UserLinesFile();
        ArrayNode trainInfo = JsonNodeFactory.instance.arrayNode();
        for (Path part : trainParts) {
            trainFiles.read(part, (file, line, tokens) -> train.put(UserLinesFile.nonNegativeInt(file, line, 0, tokens[0]),
                    items(file, line, tokens)));
            trainInfo.add(InputFileInfo.of(part));
        }
        Map<Integer, int[]> testItems = new TreeMap<>();
        new UserLinesFile().read(test, (file, line, tokens) -> testItems.put(UserLinesFile.nonNegativeInt(file, line, 0, tokens[0]),
                items(file, line, tokens)));

        int maxItem = -1;
        for (Map<Integer, int[]> m : List.of(train, testItems)) {
            for (int[] items : m.values()) {
                for (int i : items) {
                    maxItem = Math.max(maxItem, i);
                }
            }
        }
        ItemCatalog catalog = ItemCatalog.ofIds(IntStream.rangeClosed(0, maxItem).mapToObj(Integer::toString).toList());

        TreeSet<Integer> users = new TreeSet<>(train.keySet());
        users.addAll(testItems.keySet());
        SplitHistories.Builder builder = new SplitHistories.Builder(users.size());
        for (int user : users) {
            int[][] trainAndValidation = holdOut(user, train.getOrDefault(user, new int[0]));
            builder.add(UserHistory.ofSequence(Integer.toString(user), trainAndValidation[0]), trainAndValidation[1],
                    testItems.getOrDefault(user, new int[0]));
        }
        SplitHistories split = builder.build();

        ObjectNode provenance = JsonNodeFactory.instance.objectNode();
        provenance.put("format", "lightgcn");
        provenance.set("train", trainInfo);
        provenance.set("test", InputFileInfo.of(test));
        provenance.put("trainInteractions", train.values().stream().mapToLong(a -> a.length).sum());
        provenance.put("testInteractions", testItems.values().stream().mapToLong(a -> a.length).sum());
        provenance.put("items", catalog.size());
        provenance.put("validationFraction", settings.validationFraction());
        provenance.put("seed", settings.seed());
        provenance.set("split", split.stats());
        String protocol = "LightGCN split: test = test file; validation = a seeded random "
                + Math.round(settings.validationFraction() * 100) + "% of each user's train items (seed "
                + settings.seed() + ", users with >= 2 train items, at least one kept); full ranking with train items masked";
        return new Dataset(catalog, new int[catalog.size()][0], List.of(), split.train(), split.validation(),
                split.test(), PoolingConfig.mean(), protocol, provenance);
    }

    private static int[] items(String file, long line, String[] tokens) throws BadInputException {
        int[] items = new int[tokens.length - 1];
        for (int k = 1; k < tokens.length; k++) {
            items[k - 1] = UserLinesFile.nonNegativeInt(file, line, k, tokens[k]);
        }
        return items;
    }

    /** {train kept in file order, validation}; the draw depends only on the seed and the user id. */
    int[][] holdOut(int user, int[] items) {
        int n = items.length;
        int k = n < 2 || settings.validationFraction() == 0 ? 0
                : (int) Math.min(n - 1, Math.max(1, Math.round(settings.validationFraction() * n)));
        if (k == 0) {
            return new int[][] {items, new int[0]};
        }
        int[] positions = IntStream.range(0, n).toArray();
        Random random = new Random(settings.seed() * 1_000_003L + user);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = positions[i];
            positions[i] = positions[j];
            positions[j] = t;
        }
        boolean[] held = new boolean[n];
        int[] validation = new int[k];
        for (int i = 0; i < k; i++) {
            held[positions[i]] = true;
        }
        int[] kept = new int[n - k];
        for (int i = 0, v = 0, t = 0; i < n; i++) {
            if (held[i]) {
                validation[v++] = items[i];
            } else {
                kept[t++] = items[i];
            }
        }
        return new int[][] {kept, validation};
    }
}
