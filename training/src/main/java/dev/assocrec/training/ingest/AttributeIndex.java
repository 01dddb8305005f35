package dev.assocrec.training.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Gives readable attribute names ("category=shoes") dense ids in order of first use. */
final class AttributeIndex {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    int idOf(String name) {
        return ids.computeIfAbsent(name, n -> {
            names.add(n);
            return names.size() - 1;
        });
    }

    /** Ids of the given names, skipping nulls, in the given order. */
    int[] idsOf(String... names) {
        int[] out = new int[names.length];
        int k = 0;
        for (String name : names) {
            if (name != null) {
                out[k++] = idOf(name);
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    List<String> names() {
        return List.copyOf(names);
    }
}
