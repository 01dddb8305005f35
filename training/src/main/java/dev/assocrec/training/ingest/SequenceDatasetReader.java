package dev.assocrec.training.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ordered sequences, one user per line {@code user item item ...} in time order (the S3-Rec Amazon
 * files). Leave-one-out: the last item is the test item, the second last the validation item, the
 * rest train; users with fewer than 3 items train only. Item indices follow the item ids (numeric
 * order when they are numbers); items known only from the attribute file are kept as cold items.
 */
public final class SequenceDatasetReader {
    static final String PROTOCOL = "leave-one-out on ordered sequences: last item = test, second last = validation, "
            + "the rest train; users with < 3 items train only";

    private final IngestSettings settings;

    public SequenceDatasetReader(IngestSettings settings) {
        this.settings = settings;
    }

    /** @param attributes the {@code item → [attribute]} JSON, or null */
    public Dataset read(Path sequences, Path attributes) throws BadInputException, IOException {
        List<String> userIds = new ArrayList<>();
        List<String[]> lines = new ArrayList<>();
        Set<String> itemIds = new LinkedHashSet<>();
        new UserLinesFile().read(sequences, (file, line, tokens) -> {
            userIds.add(tokens[0]);
            lines.add(tokens);
            itemIds.addAll(Arrays.asList(tokens).subList(1, tokens.length));
        });
        long interactions = lines.stream().mapToLong(t -> t.length - 1L).sum();

        Map<String, List<String>> attrs = attributes == null ? Map.of() : ItemAttributesJson.read(attributes);
        long onlyInAttributes = attrs.keySet().stream().filter(id -> !itemIds.contains(id)).count();
        Set<String> allItems = new LinkedHashSet<>(itemIds);
        allItems.addAll(attrs.keySet());
        ItemCatalog catalog = ItemCatalog.ofIds(IdOrder.sorted(allItems));

        Set<String> attributeValues = new LinkedHashSet<>();
        attrs.values().forEach(attributeValues::addAll);
        AttributeIndex attributeIndex = new AttributeIndex();
        IdOrder.sorted(attributeValues).forEach(v -> attributeIndex.idOf("attr=" + v));
        int[][] itemAttributes = new int[catalog.size()][];
        for (int i = 0; i < catalog.size(); i++) {
            List<String> values = attrs.getOrDefault(catalog.get(i).itemId(), List.of());
            itemAttributes[i] = values.stream().distinct().mapToInt(v -> attributeIndex.idOf("attr=" + v)).toArray();
        }

        Map<String, Integer> index = new HashMap<>();
        catalog.items().forEach(r -> index.put(r.itemId(), r.index()));
        List<UserHistory> histories = new ArrayList<>(lines.size());
        for (String[] tokens : lines) {
            int[] items = new int[tokens.length - 1];
            for (int k = 1; k < tokens.length; k++) {
                items[k - 1] = index.get(tokens[k]);
            }
            histories.add(UserHistory.ofSequence(tokens[0], items));
        }
        SplitHistories split = leaveOneOut(histories);

        ObjectNode provenance = JsonNodeFactory.instance.objectNode();
        provenance.put("format", "sequence");
        provenance.set("sequences", InputFileInfo.of(sequences).put("users", userIds.size()).put("interactions", interactions));
        if (attributes != null) {
            provenance.set("attributes", InputFileInfo.of(attributes).put("items", attrs.size())
                    .put("itemsOnlyInAttributes", onlyInAttributes));
        }
        provenance.put("items", catalog.size());
        provenance.put("attributeCount", attributeIndex.names().size());
        provenance.put("positionalHalfLife", settings.positionalHalfLife());
        provenance.set("split", split.stats());
        return new Dataset(catalog, itemAttributes, attributeIndex.names(), split.train(), split.validation(),
                split.test(), PoolingConfig.positional(settings.positionalHalfLife()), PROTOCOL, provenance);
    }

    static SplitHistories leaveOneOut(List<UserHistory> histories) {
        SplitHistories.Builder split = new SplitHistories.Builder(histories.size());
        for (UserHistory h : histories) {
            int n = h.size();
            if (n < 3) {
                split.addTrainOnly(h);
            } else {
                split.add(h.prefix(n - 2), new int[] {h.items()[n - 2]}, new int[] {h.items()[n - 1]});
            }
        }
        return split.build();
    }
}
