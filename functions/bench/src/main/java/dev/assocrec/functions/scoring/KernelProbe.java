package dev.assocrec.functions.scoring;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Where {@link QuantizedScan}'s time goes (bench tool, in the scoring package for its package-private parts):
 * per kernel variant, the integer scan alone (every block rejected at once, as after the heap fills up), the
 * scan with the real selection, and the whole request (quantise, scan, re-score, certificate), medians over the
 * given pooled vectors, interleaved so that every variant sees the same load.
 */
public final class KernelProbe {
    private KernelProbe() {}

    /** One line per dimension group: medians in ms and how many answers were certified. */
    public static void run(ReferenceScorer reference, EmbeddingTable target, float[][] pooled, BitSet[] history,
                           int[] groups, int rounds, int k) {
        int n = pooled.length;
        QuantizedScan[] scans = new QuantizedScan[groups.length];
        for (int v = 0; v < groups.length; v++) {
            CoarseKernel kernel = new VectorCoarseKernel(groups[v]);
            scans[v] = new QuantizedScan(reference, target, kernel, QuantizedScan.MARGIN);
        }
        double[][] kernelOnly = new double[groups.length][rounds * n];
        double[][] whole = new double[groups.length][rounds * n];
        int[] certified = new int[groups.length];
        for (int r = -1; r < rounds; r++) { // round -1 warms C2 up
            for (int q = 0; q < n; q++) {
                for (int v = 0; v < groups.length; v++) {
                    QuantizedScan s = scans[v];
                    int[] levels = new int[s.table().paddedDims];
                    Arrays.fill(levels, 0, s.table().dims, s.kernel().pooledLevels());
                    long start = System.nanoTime();
                    s.kernel().scan(s.table(), levels, rejectAll());
                    long mid = System.nanoTime();
                    boolean exact = s.topK(pooled[q], history[q], k).exact();
                    long end = System.nanoTime();
                    if (r >= 0) {
                        kernelOnly[v][r * n + q] = (mid - start) / 1e6;
                        whole[v][r * n + q] = (end - mid) / 1e6;
                        certified[v] += exact ? 1 : 0;
                    }
                }
            }
        }
        System.out.printf("%d x %d, k=%d, %d queries x %d rounds, one thread; median ms%n", target.rows(), target.dims(),
                k, n, rounds);
        System.out.printf("%-8s %-14s %14s %14s %12s%n", "group", "pooled levels", "kernel alone", "whole topK", "certified");
        for (int v = 0; v < groups.length; v++) {
            System.out.printf("%-8d ±%-13d %14.3f %14.3f %11.1f%%%n", groups[v], scans[v].kernel().pooledLevels(),
                    median(kernelOnly[v]), median(whole[v]), 100.0 * certified[v] / (rounds * n));
        }
    }

    /** A selection whose threshold no score reaches: the kernel's arithmetic without any offer. */
    private static CoarseSelection rejectAll() {
        CoarseSelection s = new CoarseSelection(1, 1, new BitSet());
        s.offer(0, Integer.MAX_VALUE); // the threshold becomes Integer.MAX_VALUE, which no score reaches
        return s;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
