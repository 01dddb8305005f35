package dev.assocrec.functions.scoring;

import dev.assocrec.contract.EmbeddingTable;
import java.util.BitSet;
import java.util.Random;

/**
 * Gets the coarse kernel compiled by C2 before requests use it. Until C2 has compiled it, the Vector API
 * runs as plain Java with an object per operation: measured, the first two 1M-item requests of a fresh
 * JVM took 2.1 and 1.8 s, the third 24 ms. So, once per process, a daemon thread scans a small table until
 * the kernel is compiled, and until then the graph keeps answering ({@link #done()}).
 */
final class KernelWarmUp {
    /** 1,024 items × 64 dims per scan; a few thousand scans take the kernel through C1 to C2. */
    private static final int ITEMS = 1024;
    private static final int DIMS = 64;
    private static final int SCANS = 3000;

    private static volatile boolean done;
    private static boolean started;

    private KernelWarmUp() {}

    static synchronized void start(CoarseKernel kernel) {
        if (started) {
            return;
        }
        started = true;
        Thread t = new Thread(() -> run(kernel), "assocrec-kernel-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** True once the warm-up has run: requests may use the Java coarse pass. */
    static boolean done() {
        return done;
    }

    private static void run(CoarseKernel kernel) {
        Random r = new Random(1);
        float[] values = new float[ITEMS * DIMS];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) r.nextGaussian();
        }
        Int8Table table = new Int8Table(new EmbeddingTable(ITEMS, DIMS, values), kernel.width());
        int[] levels = new int[table.paddedDims];
        BitSet none = new BitSet();
        for (int s = 0; s < SCANS; s++) {
            for (int j = 0; j < DIMS; j++) {
                levels[j] = r.nextInt(2 * Int8Table.LEVELS + 1) - Int8Table.LEVELS;
            }
            kernel.scan(table, levels, new CoarseSelection(QuantizedScan.MARGIN + 10, ITEMS, none));
        }
        done = true;
    }
}
