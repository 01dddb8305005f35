package dev.assocrec.functions.scoring;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.contract.TopK;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The whole-catalogue top k in Java, the same two stages as the exported graph without its JNI crossing,
 * tensor copies and full TopK over every item:
 * <ol>
 *   <li><i>coarse</i>: the pooled vector quantised to int levels (û = s·q), integer scores of every item
 *       against the int8 table ({@link CoarseKernel}, SIMD), the k' = k + margin best non-history items
 *       kept by a bounded heap with a running threshold;</li>
 *   <li><i>exact</i>: the candidates scored by {@link ReferenceScorer#score}, bit-identical to a full scan,
 *       best coarse first, top k with ties to the lower index;</li>
 *   <li><i>certificate</i>: the answer is the full scan's when the k-th exact score beats the next candidate's
 *       (or the k'-th) coarse score by more than E = ‖u − û‖·T + ‖û‖·R plus a float32 rounding allowance (every
 *       item's true score is at most its coarse score + E), or when every non-history item was a candidate.
 *       Re-scoring stops at the first candidate so certified out.</li>
 * </ol>
 * With a {@link CoarseProjection} the coarse pass reads another table whose scores bound the items' from above, so the
 * same certificate holds: the kernel profile (functions/bench) compares its low-rank form (r principal directions and a
 * residual norm); serving does not use one (trained tables' spectra are too flat for it to certify).
 * An uncertified answer is reported as such and the caller scans, as for the graph.
 *
 * <p>For tables of at least {@link #FAST_SCAN_DIMS} dims a third form is built and timed at load beside the int8 pass
 * ({@link FastScan}: 4-bit product-quantisation codes, bounds, exact scores; always the full scan's answer): the one
 * whose requests take less time serves.
 */
public final class QuantizedScan implements AutoCloseable {
    /** Extra candidates beyond k: room for the int8 ranking to be slightly off (the graph uses 64 too). */
    static final int MARGIN = 64;
    /**
     * Dimensions summed in 16 bits before widening, for tables up to {@link #WIDE} dims: pooled levels in ±64
     * (4·127·64 < 2¹⁵), fewer widenings than pairs at ±127 (~8 % faster at 100k × 64, in L3) and as often certified
     * at 64 dims (100 % at 100k and 1M); groups of 8 (±32) certified 83 % at 1M × 64. Wider tables keep pairs at
     * ±127: at 41k × 512 the coarser pooled levels certified 12 % of answers instead of 81 %.
     */
    static final int GROUP = 4;
    static final int WIDE = 64;
    private static final int WARM_UP_BLOCKS = 8;
    /** C2 had compiled the stages after ~500 warm-up queries (load 12–15 on two cores); twice that for margin. */
    private static final int WARM_UP_QUERIES = 1_000;
    /** Queries per kernel when choosing between them at load. */
    private static final int CHOICE_QUERIES = 15;
    private static final int WARM_CHOICE = 10;
    /**
     * The narrowest table for which the fast scan is built under {@code auto}: at 64 dims its whole top k was no faster
     * than the int8 pass (1M items) or slower (100k), and its k-means (seconds at 512 dims) would cost every cold start.
     */
    static final int FAST_SCAN_DIMS = 256;
    /** Kernels warmed up in this JVM, by kind and dimension group (a 64-dim and a wider model use different ones). */
    private static final Set<String> WARMED = ConcurrentHashMap.newKeySet();
    /** Largest width whose integer scores (≤ dims·127²) are exact in the float heap: 2²⁴ / 127². */
    static final int MAX_DIMS = (1 << 24) / (Int8Table.LEVELS * Int8Table.LEVELS);

    private final ReferenceScorer reference;
    private final Int8Table table; // null when the fast scan serves
    private final CoarseKernel kernel; // null when the fast scan serves
    private final FastScan fast; // null when the int8 pass serves
    private final CoarseProjection projection;
    private final int margin;
    /** Candidates scored exactly, over all requests (how tight the coarse bound is, for the profile). */
    private final LongAdder rescored = new LongAdder();
    /** Allowance for the float32 rounding of a d-term dot product, as a multiple of ‖u‖·T. */
    private final double roundingPerNorm;
    /** Why this scan's kernel serves (set when it was chosen by timing at load), for the load's log. */
    private volatile String choice;

    QuantizedScan(ReferenceScorer reference, EmbeddingTable target, CoarseKernel kernel, int margin) {
        this(reference, target, kernel, margin, null);
    }

    /** With {@code projection}, the coarse pass reads its table instead of the target's d columns. */
    QuantizedScan(ReferenceScorer reference, EmbeddingTable target, CoarseKernel kernel, int margin,
                  CoarseProjection projection) {
        EmbeddingTable coarse = projection == null ? target : projection.augmented();
        if (coarse.dims() > MAX_DIMS) {
            throw new IllegalArgumentException("the int8 coarse pass supports at most " + MAX_DIMS + " dims, was "
                    + coarse.dims());
        }
        this.reference = reference;
        this.kernel = kernel;
        this.projection = projection;
        this.table = kernel.quantize(coarse);
        this.margin = margin;
        this.roundingPerNorm = 2.0 * (target.dims() + 16) * Math.pow(2, -24);
        this.fast = null;
    }

    /** The fast scan's answers instead of the int8 pass's (it holds its own codes and int8 rows). */
    QuantizedScan(ReferenceScorer reference, FastScan fast) {
        this.reference = reference;
        this.fast = fast;
        this.table = null;
        this.kernel = null;
        this.projection = null;
        this.margin = 0;
        this.roundingPerNorm = 0;
    }

    /** The fast scan of {@code target}, warmed up, without a choice (tests, the bench). */
    static QuantizedScan fastScan(ReferenceScorer reference, EmbeddingTable target) {
        warmUpFastScan(target);
        return new QuantizedScan(reference, FastScan.served(target));
    }

    /** As {@link #ifAvailable(ReferenceScorer, EmbeddingTable, int)} with one ONNX Runtime thread. */
    public static QuantizedScan ifAvailable(ReferenceScorer reference, EmbeddingTable target) {
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
    public static QuantizedScan ifAvailable(ReferenceScorer reference, EmbeddingTable target, int ortThreads) {
        return ifAvailable(reference, target, ortThreads, ScoringSettings.KernelChoice.AUTO);
    }

    /**
     * As {@link #ifAvailable(ReferenceScorer, EmbeddingTable, int)}; a pinned {@code kernel} is the only one built
     * and warmed up, and nothing is timed (a pinned ONNX Runtime kernel that cannot be built fails the load rather
     * than serving another). With {@code auto} and a table of at least {@link #FAST_SCAN_DIMS} dims the fast scan is
     * built too and timed against the int8 pass's faster kernel; pinned {@code fastscan}, it is the only one built.
     */
    public static QuantizedScan ifAvailable(ReferenceScorer reference, EmbeddingTable target, int ortThreads,
                                            ScoringSettings.KernelChoice kernel) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty() || !c2Compiles()) {
            return null;
        }
        if (kernel == ScoringSettings.KernelChoice.FASTSCAN) {
            if (!FastScan.fits(target.dims())) {
                throw new IllegalArgumentException("assocrec.scoring.coarse-kernel=fastscan: the fast scan's 16-bit sums"
                        + " do not hold " + target.dims() + " dims; use auto, java or onnx");
            }
            return fastScan(reference, target).pinned(kernel);
        }
        if (target.dims() > MAX_DIMS) {
            return null;
        }
        QuantizedScan int8 = int8(reference, target, ortThreads, kernel);
        if (kernel != ScoringSettings.KernelChoice.AUTO || target.dims() < FAST_SCAN_DIMS || !FastScan.fits(target.dims())) {
            return int8;
        }
        long start = System.nanoTime();
        QuantizedScan fast;
        try {
            fast = fastScan(reference, target);
        } catch (RuntimeException | Error e) {
            int8.close();
            throw e;
        }
        String built = String.format("%s built in %d ms", fast.fast.form(), (System.nanoTime() - start) / 1_000_000);
        String int8Choice = int8.kernelChoice();
        QuantizedScan chosen = keepFaster(int8, fast, target);
        chosen.choice += "; " + built + "; int8 pass: " + int8Choice;
        return chosen;
    }

    /** The int8 pass with its kernel pinned or chosen by timing both. */
    private static QuantizedScan int8(ReferenceScorer reference, EmbeddingTable target, int ortThreads,
                                      ScoringSettings.KernelChoice kernel) {
        QuantizedScan java = null;
        if (kernel != ScoringSettings.KernelChoice.ONNX) {
            // Every dimension, also for wide tables: the projected form (LowRankProjection, bench) certified 0–7 % of the
            // trained 512-dim Gowalla model's answers (69 % of its energy lies outside its top 64 directions), this one all.
            CoarseKernel vector = new VectorCoarseKernel(target.dims() <= WIDE ? GROUP : 2);
            warmUp(vector, target);
            java = new QuantizedScan(reference, target, vector, MARGIN);
            if (kernel == ScoringSettings.KernelChoice.JAVA) {
                return java.pinned(kernel);
            }
        }
        QuantizedScan ort;
        try {
            CoarseKernel onnx = new OrtCoarseKernel(ortThreads);
            warmUp(onnx, target);
            ort = new QuantizedScan(reference, target, onnx, MARGIN);
        } catch (RuntimeException | LinkageError e) { // no ONNX Runtime native library for this platform
            if (java == null) {
                throw e;
            }
            return java;
        }
        if (java == null) {
            return ort.pinned(kernel);
        }
        return keepFaster(java, ort, target);
    }

    /**
     * {@link #faster} of the two, the other closed; both closed when one fails to run (an ONNX Runtime session must not
     * outlive the choice).
     */
    private static QuantizedScan keepFaster(QuantizedScan a, QuantizedScan b, EmbeddingTable target) {
        QuantizedScan chosen;
        try {
            chosen = faster(a, b, target, CHOICE_QUERIES);
        } catch (RuntimeException e) {
            a.close();
            b.close();
            throw e;
        }
        (chosen == a ? b : a).close();
        return chosen;
    }

    private QuantizedScan pinned(ScoringSettings.KernelChoice by) {
        choice = name() + " (pinned: coarse kernel " + by.name().toLowerCase(Locale.ROOT)
                + ", not timed at load)";
        return this;
    }

    /**
     * Of two scans of one table, the one whose requests take less time (median over {@code queries} queries run
     * alternately, pooled vectors = seeded rows of the table) and certify no fewer answers: an uncertified answer
     * costs a full scan. 25 queries each: ~50 ms at 100k × 64, ~0.3 s at 1M × 64.
     */
    static QuantizedScan faster(QuantizedScan a, QuantizedScan b, EmbeddingTable target, int queries) {
        Random random = new Random(7);
        BitSet none = new BitSet(target.rows());
        long[][] times = new long[2][queries];
        int[] certified = new int[2];
        QuantizedScan[] scans = {a, b};
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
        boolean bFaster = times[1][queries / 2] < times[0][queries / 2] && certified[1] >= certified[0];
        QuantizedScan chosen = bFaster ? b : a;
        chosen.choice = String.format("%s: %.3f ms p50 vs %s %.3f ms (%d queries at load)", chosen.name(),
                times[bFaster ? 1 : 0][queries / 2] / 1e6, (bFaster ? a : b).name(), times[bFaster ? 0 : 1][queries / 2] / 1e6,
                queries);
        return chosen;
    }

    /** The coarse kernel's class, or the fast scan's form. */
    private String name() {
        return fast != null ? fast.form() : kernel.getClass().getSimpleName();
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
            warmUp(new QuantizedScan(smallReference, FastScan.served(small)), smallReference, rows);
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
            try (QuantizedScan scan = new QuantizedScan(smallReference, small, kernel.fresh(), MARGIN)) {
                warmUp(scan, smallReference, rows);
            }
            WARMED.add(key);
        }
    }

    private static void warmUp(QuantizedScan scan, ReferenceScorer smallReference, int rows) {
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

    /** Top k of the non-history items and whether it is certified to equal a full scan. */
    public OrtScorer.Answer topK(float[] pooled, BitSet history, int k) {
        if (fast != null) {
            return fast.topK(pooled, history, k);
        }
        int rows = table.rows;
        int nonHistory = rows - history.cardinality();
        int capacity = Math.min(k + margin, nonHistory);
        double[] coarseQuery = projection != null ? projection.query(pooled) : toDouble(pooled);
        double maxAbs = 0;
        for (double v : coarseQuery) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        double pooledScale = maxAbs > 0 ? maxAbs / kernel.pooledLevels() : 1;
        int[] levels = new int[table.paddedDims];
        double errorNorm2 = 0;
        double dequantizedNorm2 = 0;
        for (int j = 0; j < coarseQuery.length; j++) {
            levels[j] = (int) Math.round(coarseQuery[j] / pooledScale);
            double dequantized = pooledScale * levels[j];
            double error = coarseQuery[j] - dequantized;
            errorNorm2 += error * error;
            dequantizedNorm2 += dequantized * dequantized;
        }
        double pooledNorm2 = 0;
        for (float v : pooled) {
            pooledNorm2 += (double) v * v;
        }

        CoarseSelection selection = new CoarseSelection(capacity, rows, history);
        kernel.scan(table, levels, selection);
        float[] coarse = new float[selection.size()];
        int[] candidates = selection.drain(coarse);

        // Every item's true score is at most its coarse score·scales + slack (its coarse score bounds it from above
        // within the quantisation error; with a projection the residual term is already inside the coarse score).
        double coarseUnit = pooledScale * table.scale;
        double quantization = (Math.sqrt(errorNorm2) * table.maxRowNorm
                + Math.sqrt(dequantizedNorm2) * table.maxRowError) * (1 + 0x1p-10);
        double rounding = Math.sqrt(pooledNorm2) * table.maxRowNorm * roundingPerNorm;
        double slack = quantization + rounding;
        boolean everyItem = candidates.length == nonHistory;
        // Best coarse first: once the k-th exact score beats the next candidate's bound, neither it nor any item
        // after it (nor any item outside the candidates, none above the last candidate) can enter the top k.
        TopK exact = new TopK(Math.min(k, candidates.length));
        boolean certified = everyItem;
        int scoredCount = 0;
        for (int c = 0; c < candidates.length; c++) {
            exact.offer(candidates[c], reference.score(pooled, candidates[c]));
            scoredCount++;
            if (!everyItem && exact.size() == k && c + 1 < candidates.length
                    && exact.threshold() > coarse[c + 1] * coarseUnit + slack) {
                certified = true;
                break;
            }
        }
        rescored.add(scoredCount);
        float[] scores = new float[exact.size()];
        int[] items = exact.drainBestFirst(scores);
        if (!certified && candidates.length > 0) {
            double kthScore = scores.length == 0 ? Double.POSITIVE_INFINITY : scores[scores.length - 1];
            certified = kthScore > coarse[coarse.length - 1] * coarseUnit + slack;
        }
        return new OrtScorer.Answer(new Ranked(items, scores), certified);
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    long rescored() {
        return fast != null ? fast.rescored.sum() : rescored.sum();
    }

    FastScan fast() {
        return fast;
    }

    Int8Table table() {
        return table;
    }

    CoarseKernel kernel() {
        return kernel;
    }

    /** Which kernel serves and what the choice at load measured; the kernel's name when there was no choice. */
    public String kernelChoice() {
        String c = choice;
        return c != null ? c : name();
    }

    /** Closes the kernel's resources (ONNX Runtime's session and buffers); the scan is unusable afterwards. */
    @Override
    public void close() {
        if (kernel != null) {
            kernel.close();
        }
    }

    /** Bytes this scan holds for requests: the int8 copy, or the fast scan's codes and int8 rows. */
    public long byteSize() {
        return fast != null ? fast.byteSize() : table.byteSize();
    }
}
