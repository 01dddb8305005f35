package dev.assocrec.functions.scoring;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.contract.TopK;
import java.util.BitSet;
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
 * <p>{@link CoarsePassChoice} builds it with each kernel, and for wide tables the fast scan ({@link FastScan}) beside it,
 * and keeps the one whose requests take less time.
 */
public final class QuantizedScan implements CataloguePass {
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
    /** Largest width whose integer scores (≤ dims·127²) are exact in the float heap: 2²⁴ / 127². */
    static final int MAX_DIMS = (1 << 24) / (Int8Table.LEVELS * Int8Table.LEVELS);

    private final ReferenceScorer reference;
    private final Int8Table table;
    private final CoarseKernel kernel;
    private final CoarseProjection projection;
    private final int margin;
    /** Candidates scored exactly, over all requests (how tight the coarse bound is, for the profile). */
    private final LongAdder rescored = new LongAdder();
    /** Allowance for the float32 rounding of a d-term dot product, as a multiple of ‖u‖·T. */
    private final double roundingPerNorm;

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
    }

    /** Top k of the non-history items and whether it is certified to equal a full scan. */
    @Override
    public OrtScorer.Answer topK(float[] pooled, BitSet history, int k) {
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
        return rescored.sum();
    }

    Int8Table table() {
        return table;
    }

    CoarseKernel kernel() {
        return kernel;
    }

    /** The coarse kernel's class ({@link CoarsePassChoice} adds what its choice at load measured). */
    @Override
    public String kernelChoice() {
        return kernel.getClass().getSimpleName();
    }

    /** Closes the kernel's resources (ONNX Runtime's session and buffers); the scan is unusable afterwards. */
    @Override
    public void close() {
        kernel.close();
    }

    /** Bytes this scan holds for requests: the int8 copy. */
    @Override
    public long byteSize() {
        return table.byteSize();
    }
}
