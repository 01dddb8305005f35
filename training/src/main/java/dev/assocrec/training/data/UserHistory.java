package dev.assocrec.training.data;

import dev.assocrec.contract.EventType;
import dev.assocrec.contract.HistoryEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * One user's events in time order, items as dense indices. Arrays are parallel; optional columns
 * are null when the source has no such data.
 *
 * @param userId   the source's user id
 * @param items    item index per event
 * @param events   event type per event (null array: all purchases/implicit positives)
 * @param times    seconds since the epoch, or the position in a sequence (see the dataset's pooling time axis)
 * @param dwell    dwell seconds per event, NaN where not given (null array: none given)
 * @param quantity quantity per event, NaN where not given (null array: none given)
 */
public record UserHistory(String userId, int[] items, EventType[] events, double[] times, float[] dwell, float[] quantity) {
    public UserHistory {
        int n = items.length;
        check("events", events == null ? n : events.length, n);
        check("times", times == null ? n : times.length, n);
        check("dwell", dwell == null ? n : dwell.length, n);
        check("quantity", quantity == null ? n : quantity.length, n);
    }

    private static void check(String what, int len, int n) {
        if (len != n) {
            throw new IllegalArgumentException(what + " has " + len + " entries, items has " + n);
        }
    }

    /** Implicit positives in order (sequence and LightGCN formats): positions as times. */
    public static UserHistory ofSequence(String userId, int[] items) {
        double[] pos = new double[items.length];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = i;
        }
        return new UserHistory(userId, items, null, pos, null, null);
    }

    public int size() { return items.length; }

    public EventType eventAt(int i) { return events == null ? EventType.PURCHASE : events[i]; }

    /** The history as the shared pooling sees it (see dev.assocrec.contract.HistoryPooling). */
    public List<HistoryEntry> entries() {
        List<HistoryEntry> out = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            out.add(new HistoryEntry(items[i], eventAt(i), times == null ? Double.NaN : times[i], 1.0));
        }
        return out;
    }

    /** The first {@code n} events (a prefix in time order). */
    public UserHistory prefix(int n) {
        return new UserHistory(userId, java.util.Arrays.copyOf(items, n),
                events == null ? null : java.util.Arrays.copyOf(events, n),
                times == null ? null : java.util.Arrays.copyOf(times, n),
                dwell == null ? null : java.util.Arrays.copyOf(dwell, n),
                quantity == null ? null : java.util.Arrays.copyOf(quantity, n));
    }
}
