package dev.assocrec.functions.scoring;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load-time choice of the {@link CataloguePass} that serves: the int8 pass ({@link QuantizedScan}) with the faster
 * of its two coarse kernels and, for tables of at least {@link #FAST_SCAN_DIMS} dims or large catalogues
 * ({@link #timesFastScan}), the fast scan ({@link FastScan}) beside it; each built, warmed up once per JVM and timed
 * on this table, the faster kept and the others closed, or one pinned by {@code assocrec.scoring.coarse-kernel}.
 */
public final class CoarsePassChoice {
    private static final int WARM_UP_BLOCKS = 8;
    /** C2 had compiled the stages after ~500 warm-up queries (load 12–15 on two cores); twice that for margin. */
    private static final int WARM_UP_QUERIES = 1_000;
    /** Queries per kernel when choosing between them at load. */
    private static final int CHOICE_QUERIES = 15;
    private static final int WARM_CHOICE = 10;
    /**
     * The narrowest table for which the fast scan is built under {@code auto} whatever its length: at 64 dims and 100k
     * items its whole top k was slower than the int8 pass, whose copy (6.4 MB) the cache holds.
     */
    static final int FAST_SCAN_DIMS = FastScan.WIDE_DIMS;
    /**
     * Narrower tables get it from this many int8 bytes (rows × dims, 32 MiB: 524,288 items at 64 dims), past which the
     * int8 pass reads memory at one core's bandwidth and the 1-dim fast scan, reading half the bytes, was faster at 1M
     * × 64. Its build (2.3–3.3 s at 1M × 64) is paid by large catalogues only.
     */
    static final long FAST_SCAN_INT8_BYTES = 32L << 20;
    /**
     * On such a narrow table the int8 pass is kept only when it answers the load's queries in under half the fast
     * scan's time. At 1M × 64 both were timed at 1.2–2.9× their steady times at load (C2 still compiling their
     * full-size paths), and an even race kept the int8 pass in one of five loads although it then served 1.4× slower
     * (3.90 vs 2.74–2.82 ms p50); reading half the bytes of a memory-bound scan, the fast scan loses only where its
     * shuffles are slow (128-bit vectors: 1.8× at 41k × 512), which this margin still catches.
     */
    static final double NARROW_FAST_SCAN_MARGIN = 2.0;
    /** Kernels warmed up in this JVM, by kind and dimension group (a 64-dim and a wider model use different ones). */
    private static final Set<String> WARMED = ConcurrentHashMap.newKeySet();

    private CoarsePassChoice() {
    }

    /** A pass and why it serves (the load's log line); closing it closes the pass. */
    private record Chosen(CataloguePass pass, String kernelChoice) implements CataloguePass {
        @Override
        public OrtScorer.Answer topK(float[] pooled, BitSet history, int k) {
            return pass.topK(pooled, history, k);
        }

        @Override
        public long byteSize() {
            return pass.byteSize();
        }

        @Override
        public void close() {
            pass.close();
        }
    }

    /** The pass that answers for {@code choice} (itself when it was not chosen here): for tests and the bench. */
    static CataloguePass served(CataloguePass choice) {
        return choice instanceof Chosen chosen ? chosen.pass() : choice;
    }

    /** The fast scan of {@code target}, warmed up, without a choice (tests, the bench). */
    static FastScan fastScan(EmbeddingTable target) {
        warmUpFastScan(target);
        return FastScan.served(target);
    }

    /** As {@link #ifAvailable(ReferenceScorer, EmbeddingTable, int)} with one ONNX Runtime thread. */
    public static CataloguePass ifAvailable(ReferenceScorer reference, EmbeddingTable target) {
        return ifAvailable(reference, target, 1);
    }

    /**
     * The two-stage scan with the faster of its two coarse kernels on this table and CPU, or null (the caller then
     * keeps the ONNX graph) when this JVM was started without {@code --add-modules jdk.incubator.vector}, when C2
     * is off (the Vector API is only compiled to SIMD by C2: under {@code -XX:TieredStopAtLevel=1} it would run as
     * plain Java, many times slower than the graph), or when the table is too wide. The kernels: the Java Vector API
     * one ({@link VectorCoarseKernel}) and ONNX Runtime's integer GEMM ({@link OrtCoarseKernel}, with
     * {@code ortThreads}), which uses the CPU's int8 dot-product instructions (VNNI, SDOT) that Java 17's Vector API
     * cannot express; which is faster depends on the CPU and the table's shape, so both are timed on this table
     * ({@link #faster}) and the other is closed.
     */
    public static CataloguePass ifAvailable(ReferenceScorer reference, EmbeddingTable target, int ortThreads) {
        return ifAvailable(reference, target, ortThreads, ScoringSettings.KernelChoice.AUTO);
    }

    /**
     * As {@link #ifAvailable(ReferenceScorer, EmbeddingTable, int)}; a pinned {@code kernel} is the only one built
     * and warmed up, and nothing is timed (a pinned ONNX Runtime kernel that cannot be built fails the load rather
     * than serving another). With {@code auto} and a table {@link #timesFastScan} accepts the fast scan is built too
     * and timed against the int8 pass's faster kernel; pinned {@code fastscan}, it is the only one built.
     */
    public static CataloguePass ifAvailable(ReferenceScorer reference, EmbeddingTable target, int ortThreads,
                                            ScoringSettings.KernelChoice kernel) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty() || !c2Compiles()) {
            return null;
        }
        if (kernel == ScoringSettings.KernelChoice.FASTSCAN) {
            if (!FastScan.fits(target.dims())) {
                throw new IllegalArgumentException("assocrec.scoring.coarse-kernel=fastscan: the fast scan's 16-bit sums"
                        + " do not hold " + target.dims() + " dims; use auto, java or onnx");
            }
            return pinned(fastScan(target), kernel);
        }
        if (target.dims() > QuantizedScan.MAX_DIMS) {
            return null;
        }
        CataloguePass int8 = int8(reference, target, ortThreads, kernel);
        if (kernel != ScoringSettings.KernelChoice.AUTO || !timesFastScan(target.rows(), target.dims())
                || !FastScan.fits(target.dims())) {
            return int8;
        }
        long start = System.nanoTime();
        FastScan fast;
        try {
            fast = fastScan(target);
        } catch (RuntimeException | Error e) {
            int8.close();
            throw e;
        }
        String built = String.format("%s built in %d ms", fast.form(), (System.nanoTime() - start) / 1_000_000);
        String int8Choice = int8.kernelChoice();
        Chosen chosen = keepFaster(served(int8), fast, target,
                target.dims() >= FAST_SCAN_DIMS ? 1.0 : NARROW_FAST_SCAN_MARGIN);
        return new Chosen(chosen.pass(), chosen.kernelChoice() + "; " + built + "; int8 pass: " + int8Choice);
    }

    /** Whether {@code auto} builds the fast scan and times it against the int8 pass for a table of this shape. */
    static boolean timesFastScan(int rows, int dims) {
        return dims >= FAST_SCAN_DIMS || (long) rows * dims >= FAST_SCAN_INT8_BYTES;
    }

    /** The int8 pass with its kernel pinned or chosen by timing both. */
    private static CataloguePass int8(ReferenceScorer reference, EmbeddingTable target, int ortThreads,
                                      ScoringSettings.KernelChoice kernel) {
        QuantizedScan java = null;
        if (kernel != ScoringSettings.KernelChoice.ONNX) {
            // Every dimension, also for wide tables: the projected form (LowRankProjection, bench) certified 0–7 % of the
            // trained 512-dim Gowalla model's answers (69 % of its energy lies outside its top 64 directions), this one all.
            CoarseKernel vector = new VectorCoarseKernel(target.dims() <= QuantizedScan.WIDE ? QuantizedScan.GROUP : 2);
            warmUp(vector, target);
            java = new QuantizedScan(reference, target, vector, QuantizedScan.MARGIN);
            if (kernel == ScoringSettings.KernelChoice.JAVA) {
                return pinned(java, kernel);
            }
        }
        QuantizedScan ort;
        try {
            CoarseKernel onnx = new OrtCoarseKernel(ortThreads);
            warmUp(onnx, target);
            ort = new QuantizedScan(reference, target, onnx, QuantizedScan.MARGIN);
        } catch (RuntimeException | LinkageError e) { // no ONNX Runtime native library for this platform
            if (java == null) {
                throw e;
            }
            return new Chosen(java, java.kernelChoice());
        }
        if (java == null) {
            return pinned(ort, kernel);
        }
        return keepFaster(java, ort, target, 1.0);
    }

    /**
     * {@link #faster} of the two, the other closed; both closed when one fails to run (an ONNX Runtime session must not
     * outlive the choice).
     */
    private static Chosen keepFaster(CataloguePass a, CataloguePass b, EmbeddingTable target, double margin) {
        Chosen chosen;
        try {
            chosen = faster(a, b, target, CHOICE_QUERIES, margin);
        } catch (RuntimeException e) {
            a.close();
            b.close();
            throw e;
        }
        (chosen.pass() == a ? b : a).close();
        return chosen;
    }

    private static Chosen pinned(CataloguePass pass, ScoringSettings.KernelChoice by) {
        return new Chosen(pass, pass.kernelChoice() + " (pinned: coarse kernel " + by.name().toLowerCase(Locale.ROOT)
                + ", not timed at load)");
    }

    /**
     * Of two passes over one table, the one whose requests take less time (median over {@code queries} queries run
     * alternately, pooled vectors = seeded rows of the table) and certify no fewer answers: an uncertified answer
     * costs a full scan. {@code b} wins when its median is below {@code margin} times {@code a}'s (1: the faster; 2:
     * unless {@code a} takes under half {@code b}'s time). 25 queries each: ~50 ms at 100k × 64, ~0.3 s at 1M × 64.
     */
    static Chosen faster(CataloguePass a, CataloguePass b, EmbeddingTable target, int queries, double margin) {
        Random random = new Random(7);
        BitSet none = new BitSet(target.rows());
        long[][] times = new long[2][queries];
        int[] certified = new int[2];
        CataloguePass[] scans = {a, b};
        // The first queries warm the caches with this table's bytes and a new ONNX Runtime session up (its first runs
        // on a 100k table took 20 ms, then 1.2 ms).
        for (int q = -WARM_CHOICE; q < queries; q++) {
            int row = random.nextInt(target.rows());
            float[] pooled = Arrays.copyOfRange(target.data(), row * target.dims(), (row + 1) * target.dims());
            for (int s = 0; s < 2; s++) {
                long start = System.nanoTime();
                boolean exact = scans[s].topK(pooled, none, 10).exact();
                if (q >= 0) {
                    times[s][q] = System.nanoTime() - start;
                    certified[s] += exact ? 1 : 0;
                }
            }
        }
        Arrays.sort(times[0]);
        Arrays.sort(times[1]);
        boolean bFaster = times[1][queries / 2] < margin * times[0][queries / 2] && certified[1] >= certified[0];
        CataloguePass chosen = bFaster ? b : a;
        String kept = margin == 1.0 ? "" : String.format(Locale.ROOT, "; %s kept unless the other is %.1f× as fast",
                b.kernelChoice(), margin);
        return new Chosen(chosen, String.format("%s: %.3f ms p50 vs %s %.3f ms (%d queries at load%s)",
                chosen.kernelChoice(), times[bFaster ? 1 : 0][queries / 2] / 1e6, (bFaster ? a : b).kernelChoice(),
                times[bFaster ? 0 : 1][queries / 2] / 1e6, queries, kept));
    }

    /**
     * Once per JVM, as {@link #warmUp(CoarseKernel, EmbeddingTable)} for the int8 kernels: a fast scan of a small
     * table cut from the model's own (its width, its values), 1,000 queries with histories to mask.
     */
    private static void warmUpFastScan(EmbeddingTable target) {
        String key = "FastScan/" + target.dims();
        synchronized (WARMED) {
            if (WARMED.contains(key) || target.rows() < 3) {
                return;
            }
            int width = FastScan.BYTES.length();
            int rows = Math.min(target.rows(), WARM_UP_BLOCKS * width - width / 2);
            int dims = target.dims();
            EmbeddingTable small = new EmbeddingTable(rows, dims, Arrays.copyOf(target.data(), rows * dims));
            ReferenceScorer smallReference = new ReferenceScorer(small, small);
            warmUp(FastScan.served(small), smallReference, rows);
            WARMED.add(key);
        }
    }

    /**
     * Once per JVM, before the first request: the two stages on a small table cut from the model's own (its width,
     * its values), until C2 has compiled them. A fresh JVM otherwise runs the Vector API kernel as plain Java with
     * an object per operation (the first two 1M-item requests took 2.1 and 1.8 s), and a SnapStart snapshot taken
     * after this keeps the compiled code. Synchronous on purpose: a warm-up thread racing the first requests made
     * the steady state slower. Measured at 100k items (load 11–12): warm-up 2.7 s, then the first requests took
     * 1.8, 17.6 and 1.3 ms; a warm-up without a history to mask or padding rows left the first requests at
     * 334–445 ms (C2 compiles branches it never saw as traps, and hitting one undoes the compilation).
     */
    private static void warmUp(CoarseKernel kernel, EmbeddingTable target) {
        String key = kernel.getClass().getSimpleName() + "/" + kernel.group();
        synchronized (WARMED) {
            if (WARMED.contains(key) || target.rows() < 3) { // a history of two must leave an item to rank
                return;
            }
            // Half a block short, with a history to mask, so that every branch a request takes is taken here too: C2
            // compiles never-seen branches as traps, and a trap on the first real request would undo the warm-up.
            // (3 short of that, for ONNX Runtime's threshold pass, whose vector loop has a scalar tail)
            int rows = Math.min(target.rows(), WARM_UP_BLOCKS * kernel.width() - kernel.width() / 2 - 3);
            int dims = target.dims();
            EmbeddingTable small = new EmbeddingTable(rows, dims, Arrays.copyOf(target.data(), rows * dims));
            ReferenceScorer smallReference = new ReferenceScorer(small, small);
            try (QuantizedScan scan = new QuantizedScan(smallReference, small, kernel.fresh(), QuantizedScan.MARGIN)) {
                warmUp(scan, smallReference, rows);
            }
            WARMED.add(key);
        }
    }

    private static void warmUp(CataloguePass scan, ReferenceScorer smallReference, int rows) {
        BitSet history = new BitSet(rows);
        int[] pair = new int[2];
        float[] weights = {1f, 1f};
        Random random = new Random(1);
        for (int i = 0; i < WARM_UP_QUERIES; i++) {
            pair[0] = random.nextInt(rows);
            pair[1] = random.nextInt(rows);
            history.clear();
            history.set(pair[0]);
            history.set(pair[1]);
            scan.topK(smallReference.pool(pair, weights), history, 10);
        }
    }

    private static boolean c2Compiles() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return vm == null || Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) >= 4
                || !Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue());
    }
}
