package dev.assocrec.training.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assocrec.training.data.UserHistory;
import java.util.ArrayList;
import java.util.List;

/** Train histories with their aligned held-out items, as every format's split produces them. */
record SplitHistories(List<UserHistory> train, int[][] validation, int[][] test) {
    private static final int[] NONE = new int[0];

    /** Collects users one by one, keeping the three lists aligned. */
    static final class Builder {
        private final List<UserHistory> train;
        private final List<int[]> validation;
        private final List<int[]> test;

        Builder(int users) {
            train = new ArrayList<>(users);
            validation = new ArrayList<>(users);
            test = new ArrayList<>(users);
        }

        void add(UserHistory trainHistory, int[] validationItems, int[] testItems) {
            train.add(trainHistory);
            validation.add(validationItems);
            test.add(testItems);
        }

        /** A user too short to hold anything out. */
        void addTrainOnly(UserHistory history) {
            add(history, NONE, NONE);
        }

        SplitHistories build() {
            return new SplitHistories(train, validation.toArray(int[][]::new), test.toArray(int[][]::new));
        }
    }

    /** Sizes for provenance and for {@code inspect}. */
    ObjectNode stats() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("users", train.size());
        out.put("trainInteractions", train.stream().mapToLong(UserHistory::size).sum());
        out.put("usersWithValidation", countNonEmpty(validation));
        out.put("validationItems", total(validation));
        out.put("usersWithTest", countNonEmpty(test));
        out.put("testItems", total(test));
        return out;
    }

    private static long countNonEmpty(int[][] rows) {
        long n = 0;
        for (int[] r : rows) {
            n += r.length > 0 ? 1 : 0;
        }
        return n;
    }

    private static long total(int[][] rows) {
        long n = 0;
        for (int[] r : rows) {
            n += r.length;
        }
        return n;
    }
}
