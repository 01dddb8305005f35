package dev.assocrec.functions.scoring;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

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
            // A negative group: the same arithmetic with in-lane (shift) widening, checked against the served kernel;
            // group 0: ONNX Runtime's integer GEMM (OrtCoarseKernel, one thread).
            CoarseKernel kernel = groups[v] > 0 ? new VectorCoarseKernel(groups[v])
                    : groups[v] == 0 ? new OrtCoarseKernel(1) : new ShiftCoarseKernel(-groups[v]);
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
            System.out.printf("%-8s ±%-13d %14.3f %14.3f %11.1f%%%n", groups[v] > 0 ? groups[v] + ""
                            : groups[v] == 0 ? "onnx" : "shift " + -groups[v],
                    scans[v].kernel().pooledLevels(),
                    median(kernelOnly[v]), median(whole[v]), 100.0 * certified[v] / (rounds * n));
        }
    }

    /**
     * Per coarse-pass form (rank 0: every dimension at int8, the Java kernel; rank -1: every dimension, ONNX Runtime's
     * integer GEMM, {@link OrtCoarseKernel}; r: the top r principal directions plus the
     * residual column) and candidate margin: build time, whole-request median and p99, certified share, candidates
     * scored exactly per request, and answers that differ from the full scan (must be 0). Interleaved per query.
     */
    public static void ranks(ReferenceScorer reference, EmbeddingTable target, float[][] pooled, BitSet[] history,
                             int[] ranks, int[] margins, int rounds, int k) {
        int n = pooled.length;
        int variants = ranks.length * margins.length;
        QuantizedScan[] scans = new QuantizedScan[variants];
        double[] buildMs = new double[variants];
        double[] residual = new double[variants];
        for (int v = 0; v < variants; v++) {
            int rank = ranks[v / margins.length];
            int margin = margins[v % margins.length];
            long start = System.nanoTime();
            LowRankProjection projection = rank <= 0 ? null : new LowRankProjection(target, rank);
            scans[v] = rank == -1 ? new QuantizedScan(reference, target, new OrtCoarseKernel(1), margin)
                    : rank == 0
                    ? new QuantizedScan(reference, target, new VectorCoarseKernel(target.dims() <= QuantizedScan.WIDE
                            ? QuantizedScan.GROUP : 2), margin)
                    : new QuantizedScan(reference, target, new VectorCoarseKernel(2), margin, projection);
            residual[v] = projection == null ? 0 : projection.residualEnergy;
            buildMs[v] = (System.nanoTime() - start) / 1e6;
        }
        double[][] whole = new double[variants][rounds * n];
        int[] certified = new int[variants];
        int[] wrong = new int[variants];
        long[] rescoredBefore = new long[variants];
        for (int r = -1; r < rounds; r++) { // round -1 warms C2 up
            if (r == 0) {
                for (int v = 0; v < variants; v++) {
                    rescoredBefore[v] = scans[v].rescored();
                }
            }
            for (int q = 0; q < n; q++) {
                BitSet h = history[q];
                ReferenceScorer.Ranked want = r == 0 ? reference.topK(pooled[q], k, i -> !h.get(i)) : null;
                for (int v = 0; v < variants; v++) {
                    long start = System.nanoTime();
                    OrtScorer.Answer a = scans[v].topK(pooled[q], h, k);
                    long end = System.nanoTime();
                    if (r >= 0) {
                        whole[v][r * n + q] = (end - start) / 1e6;
                        certified[v] += a.exact() ? 1 : 0;
                        if (want != null && a.exact() && (!Arrays.equals(want.items(), a.ranked().items())
                                || !Arrays.equals(want.scores(), a.ranked().scores()))) {
                            wrong[v]++;
                        }
                    }
                }
            }
        }
        System.out.printf("%d x %d, k=%d, %d queries x %d rounds, one thread; ms%n", target.rows(), target.dims(), k, n,
                rounds);
        System.out.printf("%-6s %-7s %9s %10s %10s %10s %10s %12s %7s %14s%n", "rank", "margin", "residual", "build ms",
                "p50 ms", "p99 ms", "certified", "scored/req", "wrong", "coarse B/item");
        for (int v = 0; v < variants; v++) {
            double[] sorted = whole[v].clone();
            Arrays.sort(sorted);
            System.out.printf("%-6d %-7d %8.1f%% %10.1f %10.3f %10.3f %9.1f%% %12.1f %7d %14d%n", ranks[v / margins.length],
                    margins[v % margins.length], 100 * residual[v], buildMs[v], sorted[sorted.length / 2],
                    sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)],
                    100.0 * certified[v] / (rounds * n), (scans[v].rescored() - rescoredBefore[v]) / (double) (rounds * n),
                    wrong[v], scans[v].byteSize() / target.rows());
        }
    }

    /**
     * The served coarse pass (every dimension at int8, {@link VectorCoarseKernel}) beside {@link FastScanForms} with the
     * given subspace widths, interleaved per query: build time, the coarse pass alone and the whole top k (median and
     * p99), items whose 4-bit bound passed (given the int8 bound) and items scored exactly per request, answers that
     * differ from the full scan, and rows whose score exceeds a bound for the first 8 queries (both must be 0). With
     * {@code alone} the served pass is built but not run, so the fast scan's bytes keep the caches to themselves.
     */
    public static void fastScan(ReferenceScorer reference, EmbeddingTable target, float[][] pooled, BitSet[] history,
                                String[] forms, int rounds, int k, int seeds, int maxSteps, boolean alone,
                                Path cTool) throws IOException, InterruptedException {
        int n = pooled.length;
        int[] subDims = new int[forms.length];
        boolean[] residualStage = new boolean[forms.length];
        boolean[] rhoBeside = new boolean[forms.length];
        int[] clusters = new int[forms.length];
        boolean[] byteCodes = new boolean[forms.length];
        for (int v = 0; v < forms.length; v++) {
            residualStage[v] = forms[v].endsWith("r");
            // "2b/64": clustered storage order with 64 centroids
            String[] parts = forms[v].split("/");
            clusters[v] = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            residualStage[v] = parts[0].endsWith("r");
            rhoBeside[v] = parts[0].endsWith("b");
            byteCodes[v] = parts[0].endsWith("x");
            subDims[v] = Integer.parseInt(parts[0].replaceAll("[rbx]$", ""));
        }
        int variants = subDims.length + 1;
        long start = System.nanoTime();
        QuantizedScan served = new QuantizedScan(reference, target, new VectorCoarseKernel(
                target.dims() <= QuantizedScan.WIDE ? QuantizedScan.GROUP : 2), QuantizedScan.MARGIN);
        double[] buildMs = new double[variants];
        buildMs[0] = (System.nanoTime() - start) / 1e6;
        FastScanForms[] fast = new FastScanForms[subDims.length];
        int[] violations = new int[variants];
        for (int v = 0; v < fast.length; v++) {
            start = System.nanoTime();
            fast[v] = new FastScanForms(reference, target, subDims[v], seeds, maxSteps, rhoBeside[v], residualStage[v], clusters[v], byteCodes[v]);
            buildMs[v + 1] = (System.nanoTime() - start) / 1e6;
            for (int q = 0; q < Math.min(8, n); q++) {
                violations[v + 1] += fast[v].boundViolations(pooled[q]);
            }
        }
        // The kernel column times the kernel and its tables, not a new 2 MB array per query (the request reuses one).
        short[][] kernelSums = new short[fast.length][];
        for (int v = 0; v < fast.length; v++) {
            kernelSums[v] = new short[fast[v].blocks * fast[v].width];
        }
        double[][] kernelOnly = new double[variants][rounds * n];
        double[][] whole = new double[variants][rounds * n];
        int[] certified = new int[variants];
        int[] wrong = new int[variants];
        long[] passedBefore = new long[variants];
        long[] rescoredBefore = new long[variants];
        for (int r = -1; r < rounds; r++) { // round -1 warms C2 up
            if (r == 0) {
                rescoredBefore[0] = served.rescored();
                for (int v = 0; v < fast.length; v++) {
                    Arrays.fill(fast[v].stageNanos, 0);
                    passedBefore[v + 1] = fast[v].passed.sum();
                    rescoredBefore[v + 1] = fast[v].rescored.sum();
                }
            }
            for (int q = 0; q < n; q++) {
                BitSet h = history[q];
                ReferenceScorer.Ranked want = r == 0 ? reference.topK(pooled[q], k, i -> !h.get(i)) : null;
                for (int v = alone ? 1 : 0; v < variants; v++) {
                    long t0 = System.nanoTime();
                    if (v == 0) {
                        int[] levels = new int[served.table().paddedDims];
                        Arrays.fill(levels, 0, served.table().dims, served.kernel().pooledLevels());
                        served.kernel().scan(served.table(), levels, rejectAll());
                    } else {
                        FastScanForms f = fast[v - 1];
                        f.scan(f.new Query(pooled[q]), kernelSums[v - 1], null);
                    }
                    long t1 = System.nanoTime();
                    OrtScorer.Answer a = v == 0 ? served.topK(pooled[q], h, k) : fast[v - 1].topK(pooled[q], h, k);
                    long t2 = System.nanoTime();
                    if (r >= 0) {
                        kernelOnly[v][r * n + q] = (t1 - t0) / 1e6;
                        whole[v][r * n + q] = (t2 - t1) / 1e6;
                        certified[v] += a.exact() ? 1 : 0;
                        if (want != null && a.exact() && (!Arrays.equals(want.items(), a.ranked().items())
                                || !Arrays.equals(want.scores(), a.ranked().scores()))) {
                            wrong[v]++;
                        }
                    }
                }
            }
        }
        System.out.printf("%d x %d, k=%d, %d queries x %d rounds, one thread, seeds k+%d; ms%n", target.rows(),
                target.dims(), k, n, rounds, seeds);
        System.out.printf("%-16s %9s %12s %10s %10s %10s %10s %12s %7s %11s %12s%n", "coarse pass", "build ms",
                "kernel p50", "p50 ms", "p99 ms", "certified", "passed/req", "scored/req", "wrong", "violations",
                "B/item");
        for (int v = alone ? 1 : 0; v < variants; v++) {
            double[] sorted = whole[v].clone();
            Arrays.sort(sorted);
            long passed = v == 0 ? 0 : fast[v - 1].passed.sum() - passedBefore[v];
            long rescored = (v == 0 ? served.rescored() : fast[v - 1].rescored.sum()) - rescoredBefore[v];
            String bytes = v == 0 ? String.format("%.1f", served.byteSize() / (double) target.rows())
                    : String.format("%.1f + %.1f", fast[v - 1].codeBytes() / (double) target.rows(),
                            (fast[v - 1].byteSize() - fast[v - 1].codeBytes()) / (double) target.rows());
            System.out.printf("%-16s %9.1f %12.3f %10.3f %10.3f %9.1f%% %10.1f %12.1f %7d %11s %12s%n",
                    v == 0 ? "int8 (Java)" : name(fast[v - 1]), buildMs[v], median(kernelOnly[v]),
                    sorted[sorted.length / 2],
                    sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)],
                    100.0 * certified[v] / (rounds * n), passed / (double) (rounds * n),
                    rescored / (double) (rounds * n), wrong[v], v == 0 ? "-" : violations[v] + "", bytes);
        }
        for (int v = 0; v < fast.length; v++) {
            FastScanForms f = fast[v];
            if (f.rhoBeside && !f.residualStage) {
                System.out.printf("%s: %d subspaces in the kernel, entries up to %d steps, the residual norm at 8 bits"
                        + " beside them; B/item = kernel codes + residual norm level, int8 rows%n", name(f), f.m, f.steps);
            } else if (f.residualStage) {
                System.out.printf("%s: %d subspaces in the kernel, entries up to %d steps, the residual norm at 8 bits"
                        + " beside them; a second 4-bit codebook of the residuals bounds the items the first bound passes"
                        + "; B/item = kernel codes + residual norm level, residual codes + their norm level%n",
                        name(f), f.m, f.steps);
            } else {
                System.out.printf("%s: %d subspaces + the residual norm, table entries up to %d steps, %d items above"
                        + " the last residual level (scored every request); B/item = 4-bit codes + int8 rows%n",
                        name(f), f.m, f.steps, f.exceptions.length);
            }
            if (FastScanForms.STAGES && !f.residualStage) {
                rowCost(f, pooled[0]);
            }
            if (FastScanForms.STAGES) {
                StringBuilder line = new StringBuilder(name(f) + " stages, mean ms per request:");
                for (int st = 0; st < f.stageNanos.length; st++) {
                    line.append(String.format(" %s %.3f", FastScanForms.STAGE_NAMES[st],
                            f.stageNanos[st] / 1e6 / (rounds * n)));
                }
                System.out.println(line);
            }
        }
        if (cTool != null) {
            for (FastScanForms f : fast) {
                kernels(f, pooled, rounds, cTool);
            }
        }
    }

    /**
     * The fast-scan kernel alone (no selection, the request's tables built beforehand), per Java variant and beside the
     * C tool ({@code src/main/c/fast_scan.c}: AVX2 / AVX-512BW pshufb, VBMI vpermb) on the same codes and tables:
     * p50 ms over the queries and rounds, the codes' bytes per second, and whether every variant's sums equal the served
     * kernel's (Java, bit for bit; C, by checksum). The C tool runs after the Java variants, in the same minute.
     */
    static void kernels(FastScanForms f, float[][] pooled, int rounds, Path cTool) throws IOException, InterruptedException {
        int n = pooled.length;
        FastScanForms.Query[] queries = new FastScanForms.Query[n];
        for (int q = 0; q < n; q++) {
            queries[q] = f.new Query(pooled[q]);
        }
        int variants = f.variantsApply() ? FastScanForms.KERNEL_VARIANTS.length : 1;
        short[][] out = new short[variants][f.blocks * f.width];
        double[][] ms = new double[variants][rounds * n];
        int[] differ = new int[variants];
        long[] checksums = new long[n];
        for (int r = -1; r < rounds; r++) { // round -1 warms C2 up
            for (int q = 0; q < n; q++) {
                for (int v = 0; v < variants; v++) {
                    long t0 = System.nanoTime();
                    f.scanVariant(v, queries[q], out[v]);
                    long t1 = System.nanoTime();
                    if (r >= 0) {
                        ms[v][r * n + q] = (t1 - t0) / 1e6;
                    }
                    if (r == 0 && v == 0) {
                        checksums[q] = f.byteCodes ? 0 : f.checksum64(queries[q], out[0]);
                    } else if (r == 0 && !Arrays.equals(out[v], out[0])) {
                        differ[v]++;
                    }
                }
            }
        }
        double mb = f.codes.length / 1e6;
        System.out.printf("%s kernel alone, %d x %d code bytes (%.2f MB), %d queries x %d rounds, one thread:%n",
                name(f), f.rows, f.columns, mb, n, rounds);
        System.out.printf("  %-52s %10s %8s %s%n", "kernel", "p50 ms", "GB/s", "sums");
        for (int v = 0; v < variants; v++) {
            double p50 = median(ms[v]);
            System.out.printf("  %-52s %10.4f %8.1f %s%n", "Java " + f.width * 8 + "-bit " + FastScanForms.KERNEL_VARIANTS[v],
                    p50, mb / p50,
                    v == 0 ? "(reference)" : differ[v] == 0 ? "equal" : differ[v] + " queries differ");
        }
        if (f.byteCodes) {
            System.out.println("  C kernel: 4-bit codes only");
            return;
        }
        if (!Files.isExecutable(cTool)) {
            System.out.println("  C kernel: not run (" + cTool + " was not built: no C compiler `cc`)");
            return;
        }
        Path dump = Files.createTempFile("fast-scan-", ".bin");
        try {
            byte[] codes = f.codes64();
            int blocks64 = (f.rows + 63) / 64;
            ByteBuffer header = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(0x46415354).putInt(blocks64).putInt(f.columns).putInt(n).putInt(rounds);
            ByteBuffer tables = ByteBuffer.allocate(n * (2 * f.columns * 16 + 8)).order(ByteOrder.LITTLE_ENDIAN);
            byte[] table = new byte[16];
            for (int q = 0; q < n; q++) {
                for (int t = 0; t < 2 * f.columns; t++) {
                    f.table16(queries[q], t, table, 0);
                    tables.put(table);
                }
                tables.putLong(checksums[q]);
            }
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(dump))) {
                o.write(header.array());
                o.write(codes, 0, blocks64 * f.columns * 64);
                o.write(tables.array());
            }
            Process p = new ProcessBuilder(cTool.toString(), dump.toString()).redirectErrorStream(true).start();
            String line = new String(p.getInputStream().readAllBytes()).trim();
            int rc = p.waitFor();
            Map<String, String> values = new LinkedHashMap<>();
            for (String pair : line.split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            if (rc != 0 && !values.containsKey("check")) {
                System.out.println("  C kernel failed (exit " + rc + "): " + line);
                return;
            }
            String[][] kinds = {{"avx2", "C AVX2 vpshufb (two 256-bit halves)"},
                {"avx512bw", "C AVX-512BW vpshufb (table per 128-bit lane)"},
                {"avx512bw2", "C AVX-512BW vpshufb, two blocks per iteration"},
                {"vbmi", "C AVX-512 VBMI vpermb (as Java's rearrange)"},
                {"read", "C read of the codes (bandwidth floor)"},
                {"avx512bw_cold", "C AVX-512BW vpshufb, codes flushed from the caches"},
                {"read_cold", "C read of the codes, flushed from the caches"}};
            for (String[] kind : kinds) {
                String v = values.getOrDefault(kind[0] + "_p50_ms", "?");
                boolean timed = !v.equals("none") && !v.equals("?");
                System.out.printf("  %-52s %10s %8s %s%n", kind[1], v,
                        timed ? String.format("%.1f", mb / Double.parseDouble(v)) : "-",
                        kind[0].startsWith("read") ? "" : "checksum " + values.getOrDefault("check", "?"));
            }
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    /**
     * What one int8 second bound costs per row (ns), for 1,024 rows: random rows, consecutive rows, and the same
     * random rows again (in cache): tells memory latency from arithmetic.
     */
    static void rowCost(FastScanForms f, float[] pooled) {
        FastScanForms.Query query = f.new Query(pooled);
        java.util.Random random = new java.util.Random(5);
        int n = 1024;
        double[] out = new double[n];
        String[] names = {"random", "consecutive", "random, in cache", "random, lanes summed from an array",
            "random, plain Java", "random, float FMA (2 KB rows, not a bound)"};
        double[] ns = new double[6];
        for (int rep = 0; rep < 400; rep++) {
            int[] items = new int[n];
            int start = random.nextInt(f.rows - n);
            for (int i = 0; i < n; i++) {
                items[i] = random.nextInt(f.rows);
            }
            for (int v = 0; v < 6; v++) {
                int[] use = items;
                if (v == 1) {
                    use = new int[n];
                    for (int i = 0; i < n; i++) {
                        use[i] = start + i;
                    }
                }
                long t0 = System.nanoTime();
                if (v < 3) {
                    f.rowBounds(query, use, n, out);
                } else if (v == 3) {
                    f.rowBoundsWideArray(query, use, n, out);
                } else if (v == 4) {
                    f.rowBoundsPlain(query, use, n, out);
                } else {
                    f.floatDots(pooled, use, n, out);
                }
                long t1 = System.nanoTime();
                if (rep >= 100) {
                    ns[v] += (t1 - t0) / (double) n / 300;
                }
            }
        }
        StringBuilder line = new StringBuilder(name(f) + " int8 second bound per row, ns:");
        for (int v = 0; v < 6; v++) {
            line.append(String.format(" %s %.1f", names[v], ns[v]));
        }
        System.out.println(line);
    }

    private static String name(FastScanForms f) {
        return (f.byteCodes ? "pq6 " : "pq4 ") + f.subDims + "-dim" + (f.residualStage ? " + rq" : f.rhoBeside ? " + rho8" : "")
                + (f.order != null ? " /" + f.clusters : "");
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
