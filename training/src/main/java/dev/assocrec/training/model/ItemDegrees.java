package dev.assocrec.training.model;

import dev.assocrec.training.data.UserHistory;
import java.util.Arrays;
import java.util.List;

/** How many train histories hold each item: the popularity both per-item scales are powers of. */
final class ItemDegrees {
    private ItemDegrees() {}

    static int[] ofTrain(List<UserHistory> train, int items) {
        int[] degree = new int[items];
        for (UserHistory h : train) {
            // An item repeated in one history counts once: degree = users, as in LightGCN's |N_i|.
            for (int item : Arrays.stream(h.items()).distinct().toArray()) {
                degree[item]++;
            }
        }
        return degree;
    }

    /** max(1, deg_i)^exponent per item: unseen and once-seen items keep factor 1. */
    static float[] powers(int[] degrees, double exponent) {
        float[] f = new float[degrees.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) Math.pow(Math.max(1, degrees[i]), exponent);
        }
        return f;
    }
}
