package dev.assocrec.training.demo;

import java.util.Random;

/** Walker's alias method (Vose's construction): draws index i with probability w[i] / Σw in O(1). */
final class AliasTable {
    private final double[] accept;
    private final int[] alias;

    AliasTable(double[] weights) {
        int n = weights.length;
        if (n == 0) {
            throw new IllegalArgumentException("no weights");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0: " + w);
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("weights sum to 0");
        }
        accept = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int s = 0;
        int l = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / sum;
            if (scaled[i] < 1) {
                small[s++] = i;
            } else {
                large[l++] = i;
            }
        }
        while (s > 0 && l > 0) {
            int lo = small[--s];
            int hi = large[--l];
            accept[lo] = scaled[lo];
            alias[lo] = hi;
            scaled[hi] = scaled[hi] + scaled[lo] - 1;
            if (scaled[hi] < 1) {
                small[s++] = hi;
            } else {
                large[l++] = hi;
            }
        }
        // What is left is 1 up to rounding.
        while (l > 0) {
            accept[large[--l]] = 1;
        }
        while (s > 0) {
            accept[small[--s]] = 1;
        }
    }

    int sample(Random random) {
        int i = random.nextInt(accept.length);
        return random.nextDouble() < accept[i] ? i : alias[i];
    }

    int size() {
        return accept.length;
    }
}
