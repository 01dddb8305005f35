package dev.assocrec.training.eval;

import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One evaluation: for each user with held-out items, the history a scorer sees, the items masked
 * from its ranking (everything the user is known to have), and the held-out items.
 * At validation the history is the train history; at test it is train + validation, so the
 * validation items are known (and masked) when the test items are ranked.
 */
public record EvalTask(String split, List<UserHistory> histories, int[][] masked, int[][] heldOut) {

    public static EvalTask validation(Dataset data) {
        List<UserHistory> h = new ArrayList<>();
        List<int[]> held = new ArrayList<>();
        for (int u = 0; u < data.userCount(); u++) {
            if (data.validation()[u].length > 0) {
                h.add(data.train().get(u));
                held.add(data.validation()[u]);
            }
        }
        return of("validation", h, held);
    }

    public static EvalTask test(Dataset data) {
        List<UserHistory> h = new ArrayList<>();
        List<int[]> held = new ArrayList<>();
        for (int u = 0; u < data.userCount(); u++) {
            if (data.test()[u].length > 0) {
                h.add(append(data.train().get(u), data.validation()[u], data.pooling()));
                held.add(data.test()[u]);
            }
        }
        return of("test", h, held);
    }

    private static EvalTask of(String split, List<UserHistory> histories, List<int[]> heldOut) {
        int[][] masked = new int[histories.size()][];
        for (int i = 0; i < masked.length; i++) {
            masked[i] = histories.get(i).items();
        }
        return new EvalTask(split, List.copyOf(histories), masked, heldOut.toArray(new int[0][]));
    }

    /**
     * The history followed by held-out items, which happened after it: on a position axis they take
     * the next positions, on a clock they count as at the newest known time.
     */
    public static UserHistory append(UserHistory h, int[] later, PoolingConfig pooling) {
        if (later.length == 0) {
            return h;
        }
        int n = h.size();
        int m = n + later.length;
        int[] items = Arrays.copyOf(h.items(), m);
        double[] times = h.times() == null ? null : Arrays.copyOf(h.times(), m);
        double last = n == 0 || times == null ? 0 : times[n - 1];
        for (int k = 0; k < later.length; k++) {
            items[n + k] = later[k];
            if (times != null) {
                times[n + k] = pooling.timeAxis() == PoolingConfig.TimeAxis.POSITIONS ? last + 1 + k : last;
            }
        }
        dev.assocrec.contract.EventType[] events = null;
        if (h.events() != null) {
            events = Arrays.copyOf(h.events(), m);
            Arrays.fill(events, n, m, dev.assocrec.contract.EventType.PURCHASE);
        }
        float[] dwell = h.dwell() == null ? null : Arrays.copyOf(h.dwell(), m);
        float[] qty = h.quantity() == null ? null : Arrays.copyOf(h.quantity(), m);
        if (dwell != null) {
            Arrays.fill(dwell, n, m, Float.NaN);
        }
        if (qty != null) {
            Arrays.fill(qty, n, m, Float.NaN);
        }
        return new UserHistory(h.userId(), items, events, times, dwell, qty);
    }

    public int size() { return histories.size(); }
}
