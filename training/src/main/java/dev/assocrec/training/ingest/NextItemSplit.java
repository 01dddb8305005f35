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
        List<UserHistory> train = new ArrayList<>(histories.size());
        int[][] validation = new int[histories.size()][];
        int[][] test = new int[histories.size()][];
        for (int u = 0; u < histories.size(); u++) {
            UserHistory h = histories.get(u);
            Map<Integer, Integer> firstEvent = new LinkedHashMap<>();
            for (int i = 0; i < h.size(); i++) {
                firstEvent.putIfAbsent(h.items()[i], i);
            }
            if (firstEvent.size() < MIN_DISTINCT_ITEMS) {
                train.add(h);
                validation[u] = new int[0];
                test[u] = new int[0];
                continue;
            }
            List<Map.Entry<Integer, Integer>> order = new ArrayList<>(firstEvent.entrySet());
            Map.Entry<Integer, Integer> val = order.get(order.size() - 2);
            test[u] = new int[] {order.get(order.size() - 1).getKey()};
            validation[u] = new int[] {val.getKey()};
            train.add(h.prefix(val.getValue()));
        }
        return new SplitHistories(train, validation, test);
    }
}
