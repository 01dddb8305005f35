package dev.assocrec.training.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts the rows of one input file that were skipped (or repaired), by reason, with the first
 * example of each, and decides whether there are so many that the file must be rejected.
 */
final class SkipLedger {
    /** One bad row: where, which column, what value, what is wrong with it. */
    record Example(String position, String column, String value, String problem) {
        String describe(String file) {
            return BadInputException.at(file, position, column, value, problem).getMessage();
        }
    }

    private final String file;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Example> firstExample = new LinkedHashMap<>();

    SkipLedger(String file) {
        this.file = file;
    }

    void add(String reason, long count, Example first) {
        if (count <= 0) {
            return;
        }
        counts.merge(reason, count, Long::sum);
        firstExample.putIfAbsent(reason, first);
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Fails when more than {@code maxFraction} of the file's {@code rows} are bad. With a fraction of
     * 0 any bad row fails, and the message is exactly that row's description.
     */
    void enforce(long rows, double maxFraction) throws BadInputException {
        long bad = total();
        if (bad == 0 || bad <= maxFraction * rows) {
            return;
        }
        Example first = firstExample.values().iterator().next();
        if (bad == 1) {
            throw new BadInputException(first.describe(file));
        }
        StringBuilder b = new StringBuilder(file).append(": ").append(bad).append(" of ").append(rows)
                .append(" rows are bad (").append(String.format(Locale.ROOT, "%.2f%%", 100.0 * bad / Math.max(1, rows)))
                .append("), more than the allowed ").append(String.format(Locale.ROOT, "%.2f%%", 100.0 * maxFraction))
                .append(" (--max-bad-fraction).");
        counts.forEach((reason, n) -> b.append("\n  ").append(reason).append(": ").append(n)
                .append(", first: ").append(firstExample.get(reason).describe(file)));
        throw new BadInputException(b.toString());
    }

    ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode byReason = out.putObject("skippedByReason");
        counts.forEach(byReason::put);
        out.put("skipped", total());
        ObjectNode examples = out.putObject("firstExamples");
        firstExample.forEach((reason, ex) -> examples.put(reason, ex.describe(file)));
        return out;
    }
}
