package dev.assocrec.training.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** A deterministic order for ids: numeric when every id is an integer (so "2" precedes "10"), else text order. */
final class IdOrder {
    private IdOrder() {}

    static List<String> sorted(Collection<String> ids) {
        List<String> out = new ArrayList<>(ids);
        boolean numeric = out.stream().allMatch(s -> s.matches("-?\\d{1,18}"));
        out.sort(numeric ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder());
        return out;
    }
}
