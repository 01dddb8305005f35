package dev.assocrec.training.ingest;

import dev.assocrec.training.data.UserHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The split for shop event logs: predict each user's next <em>new</em> item. Take the user's distinct
 * items in order of their first event: the last one is the test item, the one before it the
 * validation item, and train is every event before the validation item's first event. Cutting in
 * time keeps later events (including repeats of older items) out of training. Users with fewer than
 * {@value #MIN_DISTINCT_ITEMS} distinct items keep their whole history for training only.
 */
final class NextItemSplit {
    static final int MIN_DISTINCT_ITEMS = 3;
    static final String PROTOCOL = "next new item per user: distinct items in order of first event, last = test, "
            + "second last = validation, train = events before the validation item's first event; users with < "
            + MIN_DISTINCT_ITEMS + " distinct items train only";

    private NextItemSplit() {}

    static SplitHistories apply(List<UserHistory> histories) {
        SplitHistories.Builder split = new SplitHistories.Builder(histories.size());
        for (UserHistory h : histories) {
            Map<Integer, Integer> firstEvent = new LinkedHashMap<>();
            for (int i = 0; i < h.size(); i++) {
                firstEvent.putIfAbsent(h.items()[i], i);
            }
            if (firstEvent.size() < MIN_DISTINCT_ITEMS) {
                split.addTrainOnly(h);
                continue;
            }
            List<Map.Entry<Integer, Integer>> order = new ArrayList<>(firstEvent.entrySet());
            Map.Entry<Integer, Integer> validation = order.get(order.size() - 2);
            int test = order.get(order.size() - 1).getKey();
            split.add(h.prefix(validation.getValue()), new int[] {validation.getKey()}, new int[] {test});
        }
        return split.build();
    }
}
