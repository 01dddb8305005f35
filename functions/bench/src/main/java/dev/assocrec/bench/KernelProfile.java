package dev.assocrec.bench;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.functions.scoring.KernelProbe;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Where the Java coarse pass spends an unfiltered request, per kernel variant (dimensions summed in 16 bits per
 * group: 2 = the Java kernel served above 64 dims, 4 at 64; 0 = ONNX Runtime's integer GEMM), side by side in one JVM:
 * the integer scan alone and the whole two-stage top k.
 * Arguments: {@code items=1000000} and {@code dims=64} (a seeded benchmark model) or {@code model=<version dir>}, {@code histories=<file>}
 * (real histories, LightGCN format; else seeded), {@code history=20}, {@code groups=2,4,8}, {@code rounds=2}; or
 * {@code ranks=0,32,64 margins=64,512}: the coarse pass read through the top r principal directions (0: every
 * dimension with the Java kernel, -1: every dimension with ONNX Runtime's), with its build time, p50/p99, certified
 * share and candidates scored exactly per request; or {@code int4=32}: {@link Int4Probe} at the table's shape; or
 * {@code fastscan=1,2} (dimensions per subspace, with {@code seeds=16}, {@code steps=255|127}, {@code alone=true}: the
 * served pass not run, {@code stages=true}: mean time per stage, {@code kernels=true}: the kernel alone per Java
 * variant and beside the C kernel of the same codes, {@code src/main/c/fast_scan.c}, built by the profile; a width suffixed {@code b}, e.g. {@code 2b}: the
 * residual norm at 8 bits beside the kernel's tables, {@code r}: that and the residual codebook as the second bound): the 4-bit PQ fast-scan exact top k ({@code FastScanForms}: the served {@code FastScan}'s forms and the measured-only ones) beside the int8 pass,
 * with items past its bound, wrong answers and bound violations.
 */
public final class KernelProfile {
    private KernelProfile() {}

    public static void main(String[] args) throws Exception {
        int items = 1_000_000;
        Path model = null;
        Path historyFile = null;
        int length = Histories.LENGTH;
        int[] groups = {2, 4, 8};
        int rounds = 2;
        int[] ranks = null;
        int[] margins = {64};
        int dims = BenchModels.DIMS;
        int int4Block = 0;
        String[] fastScan = null;
        int seeds = 16;
        int steps = 255;
        boolean alone = false;
        boolean kernels = false;
        for (String a : args) {
            String value = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("items=")) {
                items = Integer.parseInt(value);
            } else if (a.startsWith("dims=")) {
                dims = Integer.parseInt(value);
            } else if (a.startsWith("model=")) {
                model = Path.of(value);
            } else if (a.startsWith("histories=")) {
                historyFile = Path.of(value);
            } else if (a.startsWith("history=")) {
                length = Integer.parseInt(value);
            } else if (a.startsWith("groups=")) {
                groups = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (a.startsWith("ranks=")) {
                ranks = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (a.startsWith("margins=")) {
                margins = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (a.startsWith("int4=")) {
                int4Block = Integer.parseInt(value);
            } else if (a.startsWith("fastscan=")) {
                fastScan = value.split(",");
            } else if (a.startsWith("stages=")) {
                // Read once, when FastScan is first used (a constant for C2): set before any of it runs.
                System.setProperty("assocrec.bench.fastscan-stages", value);
            } else if (a.startsWith("kernels=")) {
                kernels = Boolean.parseBoolean(value);
            } else if (a.startsWith("alone=")) {
                alone = Boolean.parseBoolean(value);
            } else if (a.startsWith("steps=")) {
                steps = Integer.parseInt(value);
            } else if (a.startsWith("seeds=")) {
                seeds = Integer.parseInt(value);
            } else if (a.startsWith("rounds=")) {
                rounds = Integer.parseInt(value);
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        if (int4Block > 0) {
            // The table's shape is all the probe needs (seeded 4-bit weights): the model's, or items × dims.
            if (model != null) {
                ModelVersion m = ModelVersion.load(model);
                items = m.manifest().itemCount();
                dims = m.manifest().dimensions();
            }
            Int4Probe.run(items, dims, int4Block);
            return;
        }
        ModelVersion version = model != null ? ModelVersion.load(model) : BenchModels.version(items, dims);
        Histories histories = historyFile != null ? Histories.read(historyFile, version, length)
                : new Histories(version.manifest().itemCount(), version.manifest().pooling(), length);
        EmbeddingTable target = version.readTargetTable();
        ReferenceScorer reference = new ReferenceScorer(version.readContextTable(), target);
        float[][] pooled = new float[histories.count()][];
        BitSet[] history = new BitSet[histories.count()];
        for (int q = 0; q < pooled.length; q++) {
            pooled[q] = reference.pool(histories.items[q], histories.weights[q]);
            history[q] = new BitSet(target.rows());
            for (int i : histories.items[q]) {
                history[q].set(i);
            }
        }
        System.out.println("model " + version.dir().getFileName() + ", histories "
                + (historyFile == null ? "seeded" : historyFile.getFileName()) + " (at most " + length + " items)");
        if (fastScan != null) {
            Path cTool = kernels ? Path.of(System.getProperty("bench.fastScanC", "target/fast_scan")) : null;
            KernelProbe.fastScan(reference, target, pooled, history, fastScan, rounds, 10, seeds, steps, alone, cTool);
        } else if (ranks != null) {
            KernelProbe.ranks(reference, target, pooled, history, ranks, margins, rounds, 10);
        } else {
            KernelProbe.run(reference, target, pooled, history, groups, rounds, 10);
        }
    }
}
