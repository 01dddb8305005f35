package dev.assocrec.training.ingest;

import dev.assocrec.contract.EventType;
import dev.assocrec.training.data.UserHistory;
import java.util.Arrays;

/** Accumulates one user's events (arriving in time order) into the parallel arrays of a {@link UserHistory}. */
final class HistoryCollector {
    private static final EventType[] TYPES = EventType.values();

    private int n;
    private int[] items = new int[16];
    private EventType[] events = new EventType[16];
    private double[] times = new double[16];
    private float[] dwell = new float[16];
    private float[] quantity = new float[16];
    private boolean anyDwell;
    private boolean anyQuantity;

    void add(int item, int eventCode, double time, double dwellOrNaN, double quantityOrNaN) {
        if (n == items.length) {
            int cap = n * 2;
            items = Arrays.copyOf(items, cap);
            events = Arrays.copyOf(events, cap);
            times = Arrays.copyOf(times, cap);
            dwell = Arrays.copyOf(dwell, cap);
            quantity = Arrays.copyOf(quantity, cap);
        }
        items[n] = item;
        events[n] = TYPES[eventCode];
        times[n] = time;
        dwell[n] = (float) dwellOrNaN;
        quantity[n] = (float) quantityOrNaN;
        anyDwell |= !Double.isNaN(dwellOrNaN);
        anyQuantity |= !Double.isNaN(quantityOrNaN);
        n++;
    }

    /** The collected history; the collector is then ready for the next user. */
    UserHistory finish(String userId) {
        UserHistory h = new UserHistory(userId, Arrays.copyOf(items, n), Arrays.copyOf(events, n),
                Arrays.copyOf(times, n), anyDwell ? Arrays.copyOf(dwell, n) : null,
                anyQuantity ? Arrays.copyOf(quantity, n) : null);
        n = 0;
        anyDwell = false;
        anyQuantity = false;
        return h;
    }
}
