package dev.assocrec.functions.scoring;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.contract.TopK;
import java.lang.management.ManagementFactory;
import java.util.BitSet;

/**
 * The whole-catalogue top k in Java, the same two stages as the exported graph without its JNI crossing,
 * tensor copies and full TopK over every item:
 * <ol>
 *   <li><i>coarse</i>: the pooled vector quantised to int levels (û = s·q), integer scores of every item
 *       against the int8 table ({@link CoarseKernel}, SIMD), the k' = k + margin best non-history items
 *       kept by a bounded heap with a running threshold;</li>
 *   <li><i>exact</i>: the candidates scored by {@link ReferenceScorer#score}, bit-identical to a full scan,
 *       top k with ties to the lower index;</li>
 *   <li><i>certificate</i>: the answer is the full scan's when the k-th exact score beats the k'-th coarse
 *       score by more than E = ‖u − û‖·T + ‖û‖·R plus a float32 rounding allowance (every item's true
 *       score is within E of its coarse score), or when every non-history item was a candidate.</li>
 * </ol>
 * An uncertified answer is reported as such and the caller scans, as for the graph.
 */
public final class QuantizedScan {
    /** Extra candidates beyond k: room for the int8 ranking to be slightly off (the graph uses 64 too). */
    static final int MARGIN = 64;
    /** Largest width whose integer scores (≤ dims·127²) are exact in the float heap: 2²⁴ / 127². */
    static final int MAX_DIMS = (1 << 24) / (Int8Table.LEVELS * Int8Table.LEVELS);

    private final ReferenceScorer reference;
    private final Int8Table table;
    private final CoarseKernel kernel;
    private final int margin;
    /** Allowance for the float32 rounding of a d-term dot product, as a multiple of ‖u‖·T. */
    private final double roundingPerNorm;

    QuantizedScan(ReferenceScorer reference, EmbeddingTable target, CoarseKernel kernel, int margin) {
        if (target.dims() > MAX_DIMS) {
            throw new IllegalArgumentException("the int8 coarse pass supports at most " + MAX_DIMS + " dims, was "
                    + target.dims());
        }
        this.reference = reference;
        this.kernel = kernel;
        this.table = new Int8Table(target, kernel.width());
        this.margin = margin;
        this.roundingPerNorm = 2.0 * (target.dims() + 16) * Math.pow(2, -24);
    }

    /**
     * The Vector API scan, or null (the caller then keeps the ONNX graph) when this JVM was started
     * without {@code --add-modules jdk.incubator.vector}, when C2 is off (the Vector API is only compiled to
     * SIMD by C2: under {@code -XX:TieredStopAtLevel=1} it would run as plain Java, many times slower than
     * the graph), or when the table is too wide.
     */
    public static QuantizedScan ifAvailable(ReferenceScorer reference, EmbeddingTable target) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty() || !c2Compiles()
                || target.dims() > MAX_DIMS) {
            return null;
        }
        return new QuantizedScan(reference, target, new VectorCoarseKernel(), MARGIN);
    }

    private static boolean c2Compiles() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return vm == null || Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) >= 4
                || !Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue());
    }

    /** Top k of the non-history items and whether it is certified to equal a full scan. */
    public OrtScorer.Answer topK(float[] pooled, BitSet history, int k) {
        int rows = table.rows;
        int nonHistory = rows - history.cardinality();
        int capacity = Math.min(k + margin, nonHistory);
        double maxAbs = 0;
        for (float v : pooled) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        double pooledScale = maxAbs > 0 ? maxAbs / Int8Table.LEVELS : 1;
        int[] levels = new int[table.paddedDims];
        double errorNorm2 = 0;
        double dequantizedNorm2 = 0;
        double pooledNorm2 = 0;
        for (int j = 0; j < pooled.length; j++) {
            levels[j] = (int) Math.round(pooled[j] / pooledScale);
            double dequantized = pooledScale * levels[j];
            double error = pooled[j] - dequantized;
            errorNorm2 += error * error;
            dequantizedNorm2 += dequantized * dequantized;
            pooledNorm2 += (double) pooled[j] * pooled[j];
        }

        CoarseSelection selection = new CoarseSelection(capacity, rows, history);
        kernel.scan(table, levels, selection);
        float[] coarse = new float[selection.size()];
        int[] candidates = selection.drain(coarse);

        TopK exact = new TopK(Math.min(k, candidates.length));
        for (int item : candidates) {
            exact.offer(item, reference.score(pooled, item));
        }
        float[] scores = new float[exact.size()];
        int[] items = exact.drainBestFirst(scores);
        if (candidates.length == nonHistory) {
            return new OrtScorer.Answer(new Ranked(items, scores), true);
        }
        double kthScore = scores.length == 0 ? Double.POSITIVE_INFINITY : scores[scores.length - 1];
        double kprimeCoarse = coarse[coarse.length - 1] * pooledScale * table.scale;
        double quantization = (Math.sqrt(errorNorm2) * table.maxRowNorm
                + Math.sqrt(dequantizedNorm2) * table.maxRowError) * (1 + 0x1p-10);
        double rounding = Math.sqrt(pooledNorm2) * table.maxRowNorm * roundingPerNorm;
        return new OrtScorer.Answer(new Ranked(items, scores), kthScore > kprimeCoarse + quantization + rounding);
    }

    /** Bytes of the int8 copy this scan reads per request. */
    public long byteSize() {
        return table.byteSize();
    }
}
