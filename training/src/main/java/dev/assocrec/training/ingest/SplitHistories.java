package dev.assocrec.training.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assocrec.training.data.UserHistory;
import java.util.List;

/** Train histories with their aligned held-out items, as every format's split produces them. */
record SplitHistories(List<UserHistory> train, int[][] validation, int[][] test) {

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
