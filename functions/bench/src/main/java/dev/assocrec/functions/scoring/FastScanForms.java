package dev.assocrec.functions.scoring;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.contract.TopK;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 4-bit product-quantisation ("fast scan", as in FAISS / Quick ADC) exact top k in every form the kernel profile
 * measures ({@code fastscan=}) beside the int8 pass: the served ones ({@code 2b}, {@code 3x}: {@link FastScan}, whose
 * kernels, k-means, tables, int8 rows and exact scoring this class calls) and the measured-only ones (the residual norm
 * as a 4-bit code, the residual codebook, the clustered order, 127-step tables, two blocks per kernel iteration).
 *
 * <p>Build: the d dimensions are split into m = ⌈d / subDims⌉ subspaces; per subspace 16 centroids are learnt by
 * k-means on a seeded sample of 4,096 rows; every item keeps one 4-bit code per subspace and a 4-bit code of its
 * residual norm ρ = ‖x − x̂‖ (the first of 16 levels ≥ ρ, evenly spaced from the 1st to the 99.9th percentile; the
 * items above the last level are {@link #exceptions}), in blocks of one byte vector's width of items, byte t of an item
 * holding the codes of subspaces 2t and 2t + 1. Beside them an int8 copy, one row per item, for the second bound.
 *
 * <p>Query: per subspace a 16-entry table of q_s·centroid (the residual's: ‖q‖·level), rounded up to steps of one
 * size (8 bits where (m + 1)·255 fits 16 bits, else 7 bits), so every item's table sum U bounds its score from above:
 * q·x = q·x̂ + q·(x − x̂) ≤ Σ_s q_s·x̂_s + ‖q‖·ρ. A block's lookups are one byte shuffle per code ({@code rearrange},
 * {@code vpermb} on AVX-512 VBMI), summed in unsigned 16-bit lanes. Java 17's rearrange checks every shuffle's
 * indices (a compare and a branch per lookup), which is most of what separates this kernel from a C one of the same
 * codes ({@code src/main/c/fast_scan.c}, the profile's {@code kernels=true}). The items of the best U are seeds, scored exactly
 * (τ = their k-th best); every other item whose U reaches τ then gets the int8 bound (|u·t − û·t̂| ≤ ‖u − û‖·T +
 * ‖û‖·R) and an exact score when that bound reaches the k-th exact score so far. Every item left out
 * scores below the k-th answer, so the answer is the full scan's, ties included.
 *
 * <p>Options (the kernel profile's forms): the residual norm as an 8-bit level beside the tables instead of a 4-bit
 * code in them ({@link #rhoBeside}: its table no longer sets the common step); a second 4-bit codebook of the
 * residuals as the second bound instead of the int8 rows ({@link #residualStage}); 64 centroids and a byte per code
 * ({@link #byteCodes}); the items stored in k-means cluster order ({@link #order}).
 */
final class FastScanForms {
    /** The served class's vector size ({@code -Dassocrec.scoring.fastscan-bits=256/128} to measure another, per JVM). */
    private static final VectorSpecies<Byte> BYTES = FastScan.BYTES;
    private static final VectorSpecies<Integer> INTS = FastScan.INTS;
    static final int CENTROIDS = FastScan.CENTROIDS;
    private static final int STEPS = FastScan.STEPS;
    private static final int FINE_STEPS = FastScan.FINE_STEPS;

    private final ReferenceScorer reference;
    /** The target rows in storage order (the table's, or {@link #order}'s). */
    private final float[] targetData;
    /** Storage position → item, when the items are stored by cluster; else null (position = item). */
    final int[] order;
    final int clusters;
    private final int[] positionOf;
    final int rows;
    final int dims;
    final int subDims;
    /** Subspaces of the item vector; in the one-codebook form the residual norm's code is "subspace" m. */
    final int m;
    /** Centroids per subspace: 16 (4-bit codes, two per byte) or 64 (a byte per code, {@link #byteCodes}). */
    final int kc;
    /**
     * One code per byte with 64 centroids (one byte vector's lanes, so one {@code vpermb} looks up 64 items): for
     * 3-dim subspaces the same 2 bits per dimension of centroid resolution as 16 centroids in 2 dims, in 2/3 of the
     * lookups and without unpacking nibbles; 8/3 bits of codes per dimension instead of 2.
     */
    final boolean byteCodes;
    /** Code bytes per item in the kernel's blocks: ⌈(m + 1) / 2⌉, or ⌈m / 2⌉ with the residual stage. */
    final int columns;
    final int width;
    final int blocks;
    /** The largest table entry: {@link #FINE_STEPS} where the sums allow, else {@link #STEPS}. */
    final int steps;
    /** [subspace][centroid][subDims], the last subspace's missing dimensions zero. */
    final float[] centroids;
    /** The centroids by dimension: [dimension][centroid] (the query's tables read them so). */
    final float[] centroidsByDim;
    /** The residual norm levels, ascending (one-codebook form). */
    final double[] residualLevels;
    /** Items whose residual norm exceeds the last level (their U does not bound them): every request scores them. */
    final int[] exceptions;
    /** blocks × columns × width. */
    final byte[] codes;
    final double maxRowNorm;
    /** The int8 copy for the second bound (not with the residual stage). */
    final Int8Rows int8;

    /**
     * The residual stage: the residual norm kept out of the kernel's tables (one 8-bit level per item, by block
     * position, ρ ≤ level·rhoUnit), and a second 4-bit codebook of the residuals x − x̂ (row-major codes, per item)
     * with its own residual norm ρ₂ ≤ level·rho2Unit, giving the second bound
     * q·x ≤ q·x̂ + q·r̂ + ‖q‖·ρ₂ on the items the first one passes, before any exact score.
     */
    final boolean residualStage;
    /** The residual norm as an 8-bit level beside the kernel's tables (always with the residual stage). */
    final boolean rhoBeside;
    final short[] rhoLevels;
    final double rhoUnit;
    final float[] centroids2;
    final byte[] codes2;
    final int codeRow2;
    final byte[] rho2Levels;
    final double rho2Unit;

    private final double roundingPerNorm;
    private final int seeds;
    /** The kernel's sums, one array per thread (as the served class keeps them). */
    private final ThreadLocal<short[]> sums = new ThreadLocal<>();
    /** Items given the second bound and items scored exactly, over all requests (for the profile). */
    final LongAdder passed = new LongAdder();
    final LongAdder rescored = new LongAdder();
    /** Per-stage nanoseconds over all requests when {@link #STAGES} (query tables, kernel, seeds, first-bound filter, second bound, exact). */
    final long[] stageNanos = new long[6];
    static final String[] STAGE_NAMES = {"tables", "kernel", "seeds", "filter", "2nd bound", "exact"};
    static final boolean STAGES = Boolean.getBoolean("assocrec.bench.fastscan-stages");

    FastScanForms(ReferenceScorer reference, EmbeddingTable target, int subDims, int seeds) {
        this(reference, target, subDims, seeds, FINE_STEPS, false, false);
    }

    /**
     * With {@code maxSteps} 127, two entries add in a byte before widening (fewer operations, twice the rounding);
     * with {@code rhoBeside} the residual norm is an 8-bit level beside the kernel's tables instead of one of them;
     * with {@code residualStage} (which implies it) the residual codebook replaces the int8 rows as the second bound.
     */
    FastScanForms(ReferenceScorer reference, EmbeddingTable target, int subDims, int seeds, int maxSteps,
             boolean rhoBeside, boolean residualStage) {
        this(reference, target, subDims, seeds, maxSteps, rhoBeside, residualStage, 0);
    }

    /**
     * With {@code clusters} > 0 the items are stored in the order of their nearest of that many k-means centroids, so
     * that the items one request's first bound passes (similar to one another) lie close together in memory.
     */
    FastScanForms(ReferenceScorer reference, EmbeddingTable target, int subDims, int seeds, int maxSteps,
             boolean rhoBeside, boolean residualStage, int clusters) {
        this(reference, target, subDims, seeds, maxSteps, rhoBeside, residualStage, clusters, false);
    }

    /** With {@code byteCodes}: 64 centroids per subspace and a byte per code (the residual norm beside, int8 rows). */
    FastScanForms(ReferenceScorer reference, EmbeddingTable target, int subDims, int seeds, int maxSteps,
             boolean rhoBeside, boolean residualStage, int clusters, boolean byteCodes) {
        if (byteCodes && (residualStage || BYTES.length() < 64)) {
            throw new IllegalArgumentException("fastscan: byte codes need 512-bit vectors and the int8 second bound");
        }
        this.byteCodes = byteCodes;
        this.kc = byteCodes ? 64 : CENTROIDS;
        rhoBeside |= byteCodes;
        this.reference = reference;
        this.clusters = clusters;
        this.order = clusters > 0 ? clusterOrder(target, clusters) : null;
        this.targetData = order == null ? target.data() : permuted(target, order);
        this.positionOf = order == null ? null : new int[order.length];
        for (int p = 0; order != null && p < order.length; p++) {
            positionOf[order[p]] = p;
        }
        this.rows = target.rows();
        this.dims = target.dims();
        this.subDims = subDims;
        this.residualStage = residualStage;
        this.rhoBeside = rhoBeside || residualStage;
        this.m = (dims + subDims - 1) / subDims;
        int kernelCodes = this.rhoBeside ? m : m + 1;
        this.columns = byteCodes ? kernelCodes : (kernelCodes + 1) / 2;
        this.steps = maxSteps == FINE_STEPS && kernelCodes * FINE_STEPS <= 0xFFFF ? FINE_STEPS : STEPS;
        if (2 * columns * STEPS > 0xFFFF) {
            throw new IllegalArgumentException("fastscan: " + kernelCodes + " codes overflow 16-bit sums; use subspaces"
                    + " wider than " + subDims);
        }
        this.width = BYTES.length();
        this.blocks = (rows + width - 1) / width;
        this.seeds = seeds;
        this.roundingPerNorm = 2.0 * (dims + 16) * Math.pow(2, -24);
        this.centroids = new float[m * kc * subDims];
        this.codes = new byte[Math.multiplyExact(blocks * columns, width)];
        float[] t = targetData;
        Random random = new Random(17);
        int[] sampleRows = SubspaceCodebooks.sample(rows, random);
        for (int s = 0; s < m; s++) {
            SubspaceCodebooks.kMeans(t, dims, subDims, s, sampleRows, random, centroids, kc);
        }
        this.centroidsByDim = SubspaceCodebooks.byDim(centroids, dims, subDims, kc);
        double[] residual = new double[rows];
        // The residual stage's second codebook learns from x − x̂ (float, for k-means only; ρ₂ is taken in double).
        float[] residualRows = residualStage ? new float[Math.multiplyExact(rows, dims)] : null;
        int[] firstCodes = residualStage ? new int[Math.multiplyExact(rows, m)] : null;
        double norm2 = 0;
        for (int i = 0; i < rows; i++) {
            double r2 = 0;
            double n2 = 0;
            for (int s = 0; s < m; s++) {
                int c = SubspaceCodebooks.nearest(t, dims, subDims, i, s, centroidsByDim, kc);
                setCode(i, s, c);
                if (firstCodes != null) {
                    firstCodes[i * m + s] = c;
                }
                int cb = (s * kc + c) * subDims - s * subDims;
                for (int j = s * subDims, e = Math.min(dims, j + subDims); j < e; j++) {
                    double x = t[i * dims + j];
                    double diff = x - centroids[cb + j];
                    r2 += diff * diff;
                    n2 += x * x;
                    if (residualRows != null) {
                        residualRows[i * dims + j] = (float) diff;
                    }
                }
            }
            residual[i] = Math.nextUp(Math.sqrt(r2)) * (1 + 0x1p-40);
            norm2 = Math.max(norm2, n2);
        }
        this.maxRowNorm = Math.nextUp(Math.sqrt(norm2));
        if (this.rhoBeside) {
            this.residualLevels = new double[0];
            this.exceptions = new int[0];
            this.rhoUnit = SubspaceCodebooks.unit(residual);
            this.rhoLevels = new short[blocks * width];
            for (int p = 0; p < rhoLevels.length; p++) {
                int item = FastScan.itemAt(p / width * width, p % width, width / 2);
                rhoLevels[p] = item < rows ? (short) SubspaceCodebooks.level(residual[item], rhoUnit) : 0;
            }
        } else {
            this.rhoLevels = null;
            this.rhoUnit = 0;
            this.residualLevels = residualLevels(residual);
            int[] above = new int[rows];
            int exceptionCount = 0;
            for (int i = 0; i < rows; i++) {
                int level = Arrays.binarySearch(residualLevels, residual[i]);
                level = level >= 0 ? level : -level - 1;
                if (level == CENTROIDS) {
                    above[exceptionCount++] = i;
                    level = CENTROIDS - 1;
                }
                setCode(i, m, level);
            }
            this.exceptions = Arrays.copyOf(above, exceptionCount);
        }
        if (residualStage) {
            this.centroids2 = new float[m * CENTROIDS * subDims];
            for (int s = 0; s < m; s++) {
                SubspaceCodebooks.kMeans(residualRows, dims, subDims, s, sampleRows, random, centroids2, CENTROIDS);
            }
            this.codeRow2 = (m + 1) / 2;
            this.codes2 = new byte[Math.multiplyExact(rows, codeRow2)];
            double[] residual2 = new double[rows];
            float[] byDim2 = SubspaceCodebooks.byDim(centroids2, dims, subDims, CENTROIDS);
            for (int i = 0; i < rows; i++) {
                double r2 = 0;
                for (int s = 0; s < m; s++) {
                    int c2 = SubspaceCodebooks.nearest(residualRows, dims, subDims, i, s, byDim2, CENTROIDS);
                    codes2[i * codeRow2 + s / 2] |= (byte) (s % 2 == 0 ? c2 : c2 << 4);
                    int cb = (s * kc + firstCodes[i * m + s]) * subDims - s * subDims;
                    int cb2 = (s * CENTROIDS + c2) * subDims - s * subDims;
                    for (int j = s * subDims, e = Math.min(dims, j + subDims); j < e; j++) {
                        double diff = (double) t[i * dims + j] - centroids[cb + j] - centroids2[cb2 + j];
                        r2 += diff * diff;
                    }
                }
                residual2[i] = Math.nextUp(Math.sqrt(r2)) * (1 + 0x1p-40);
            }
            this.rho2Unit = SubspaceCodebooks.unit(residual2);
            this.rho2Levels = new byte[rows];
            for (int i = 0; i < rows; i++) {
                rho2Levels[i] = (byte) SubspaceCodebooks.level(residual2[i], rho2Unit);
            }
            this.int8 = null;
            return;
        }
        this.centroids2 = null;
        this.codes2 = null;
        this.codeRow2 = 0;
        this.rho2Levels = null;
        this.rho2Unit = 0;

        this.int8 = Int8Rows.of(t, rows, dims);
    }

    /** Items sorted by their nearest centroid (k-means on a seeded sample of rows), then by index. */
    private static int[] clusterOrder(EmbeddingTable target, int clusters) {
        int n = target.rows();
        int d = target.dims();
        float[] t = target.data();
        Random random = new Random(23);
        int sample = Math.min(n, SubspaceCodebooks.SAMPLE);
        float[] c = new float[clusters * d];
        for (int k = 0; k < clusters; k++) {
            System.arraycopy(t, random.nextInt(n) * d, c, k * d, d);
        }
        int[] sampleRows = new int[sample];
        for (int i = 0; i < sample; i++) {
            sampleRows[i] = random.nextInt(n);
        }
        double[] sum = new double[clusters * d];
        int[] count = new int[clusters];
        for (int it = 0; it < 8; it++) {
            Arrays.fill(sum, 0);
            Arrays.fill(count, 0);
            for (int row : sampleRows) {
                int k = nearestRow(t, row, d, c, clusters);
                count[k]++;
                for (int j = 0; j < d; j++) {
                    sum[k * d + j] += t[row * d + j];
                }
            }
            for (int k = 0; k < clusters; k++) {
                if (count[k] > 0) {
                    for (int j = 0; j < d; j++) {
                        c[k * d + j] = (float) (sum[k * d + j] / count[k]);
                    }
                }
            }
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (long) nearestRow(t, i, d, c, clusters) << 32 | i;
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int p = 0; p < n; p++) {
            order[p] = (int) keys[p];
        }
        return order;
    }

    private static int nearestRow(float[] t, int row, int d, float[] c, int clusters) {
        int best = 0;
        float bestD = Float.POSITIVE_INFINITY;
        for (int k = 0; k < clusters; k++) {
            float d2 = 0;
            for (int j = 0; j < d; j++) {
                float diff = t[row * d + j] - c[k * d + j];
                d2 += diff * diff;
            }
            if (d2 < bestD) {
                bestD = d2;
                best = k;
            }
        }
        return best;
    }

    private static float[] permuted(EmbeddingTable target, int[] order) {
        int d = target.dims();
        float[] out = new float[order.length * d];
        for (int p = 0; p < order.length; p++) {
            System.arraycopy(target.data(), order[p] * d, out, p * d, d);
        }
        return out;
    }

    /** {@link ReferenceScorer#score} of the item stored at {@code position} (the same sum over the same row). */
    float score(float[] pooled, int position) {
        float[] t = targetData;
        int base = position * dims;
        float s = 0;
        for (int j = 0; j < dims; j++) {
            s += pooled[j] * t[base + j];
        }
        return s;
    }

    private int item(int position) {
        return order == null ? position : order[position];
    }

    /**
     * 16 evenly spaced levels from the 1st to the 99.9th percentile of the residual norms (a strided sample): the
     * residual table's range sets the common step, so one outlier must not stretch it.
     */
    private static double[] residualLevels(double[] residual) {
        int n = Math.min(residual.length, 1 << 16);
        double[] sample = new double[n];
        for (int i = 0; i < n; i++) {
            sample[i] = residual[(int) ((long) i * residual.length / n)];
        }
        Arrays.sort(sample);
        double lo = sample[(int) (0.01 * (n - 1))];
        double hi = sample[(int) Math.ceil(0.999 * (n - 1))];
        double[] levels = new double[CENTROIDS];
        for (int l = 0; l < CENTROIDS; l++) {
            levels[l] = l == CENTROIDS - 1 ? hi : lo + (hi - lo) * l / (CENTROIDS - 1);
        }
        return levels;
    }

    private void setCode(int item, int subspace, int code) {
        FastScan.setCode(codes, byteCodes, columns, item, subspace, code);
    }

    int code(int item, int subspace) {
        return FastScan.code(codes, byteCodes, columns, item, subspace);
    }

    /** One request's tables: the bound of an item whose entries sum to U steps is base + step·U + slack. */
    final class Query {
        final byte[] luts;
        final double base;
        final double step;
        final double slack;
        /** The pooled vector at int8 levels for the second bound, its unit and its allowance (E and rounding). */
        final int[] intLevels;
        final double rowUnit;
        final double rowSlack;
        /** Residual stage: ‖q‖·rhoUnit in sixteenths of a step, rounded up (the first bound, in integers). */
        final long rhoPerLevel16;
        /** Residual stage: the second codebook's tables, in steps of step2 above base2, rounded up; ‖q‖·rho2Unit. */
        final int[] luts2;
        final double base2;
        final double step2;
        final double rho2PerLevel;

        Query(float[] pooled) {
            int sd = subDims;
            int kernelCodes = rhoBeside ? m : m + 1;
            double[] raw = new double[(m + 1) * kc];
            double qNorm = FastScan.norm(pooled);
            FastScan.rawTables(pooled, centroidsByDim, dims, sd, kc, m, raw);
            if (!rhoBeside) {
                for (int k = 0; k < kc; k++) {
                    raw[m * kc + k] = qNorm * residualLevels[k];
                }
            }
            FastScan.Tables tables = FastScan.Tables.of(raw, kernelCodes, kc, steps,
                    (byteCodes ? columns : 2 * columns) * width);
            this.base = tables.base();
            this.step = tables.step();
            this.luts = tables.luts();
            double magnitude = tables.magnitude();
            this.rhoPerLevel16 = rhoBeside ? (long) Math.ceil(qNorm * rhoUnit / step * 16 * (1 + 0x1p-40)) : 0;
            if (residualStage) {
                double[] raw2 = new double[m * CENTROIDS];
                double base2Sum = 0;
                double range2 = 0;
                double[] min2 = new double[m];
                for (int s = 0; s < m; s++) {
                    double lo = Double.POSITIVE_INFINITY;
                    double hi = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < CENTROIDS; k++) {
                        double v = subDot(pooled, centroids2, s, k, CENTROIDS);
                        raw2[s * CENTROIDS + k] = v;
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                    min2[s] = lo;
                    base2Sum += lo;
                    range2 = Math.max(range2, hi - lo);
                    magnitude += Math.max(Math.abs(lo), Math.abs(hi));
                }
                this.base2 = base2Sum;
                // 2²⁰ steps per table: m of them sum within an int, and the rounding (≤ m steps) is negligible.
                this.step2 = range2 > 0 ? range2 / (1 << 20) : 1;
                int[] single = new int[(m + 1) * CENTROIDS]; // a missing last odd subspace adds 0
                for (int e = 0; e < m * CENTROIDS; e++) {
                    single[e] = (int) Math.min(1 << 20, Math.ceil((raw2[e] - min2[e / CENTROIDS]) / step2 * (1 + 0x1p-40)));
                }
                // One table per code byte (two subspaces): half the lookups per item.
                this.luts2 = new int[codeRow2 * 256];
                for (int c = 0; c < codeRow2; c++) {
                    int lowAt = 2 * c * CENTROIDS;
                    for (int b = 0; b < 256; b += CENTROIDS) { // byte b: low nibble from subspace 2c, high from 2c + 1
                        int high = single[(2 * c + 1) * CENTROIDS + (b >> 4)];
                        int l = 0;
                        if (INTS.length() == CENTROIDS) {
                            IntVector.fromArray(INTS, single, lowAt).add(high).intoArray(luts2, c * 256 + b);
                            l = CENTROIDS;
                        }
                        for (; l < CENTROIDS; l++) {
                            luts2[c * 256 + b + l] = single[lowAt + l] + high;
                        }
                    }
                }
                this.rho2PerLevel = qNorm * rho2Unit * (1 + 0x1p-40);
            } else {
                this.luts2 = null;
                this.base2 = 0;
                this.step2 = 0;
                this.rho2PerLevel = 0;
            }
            // The tables' double arithmetic (2⁻⁴⁰ of every term's size, generously) and the exact score's float32 rounding.
            this.slack = magnitude * 0x1p-38 + qNorm * maxRowNorm * roundingPerNorm + kernelCodes * step * 0x1p-20;
            if (residualStage) {
                this.intLevels = null;
                this.rowUnit = 0;
                this.rowSlack = 0;
                return;
            }
            Int8Rows.Levels levels = int8.levels(pooled, dims, maxRowNorm);
            this.intLevels = levels.q();
            this.rowUnit = levels.unit();
            this.rowSlack = levels.allowance() + 2 * slack;
        }

        /** The upper bound of the score of an item whose entries sum to {@code steps} (the residual's included). */
        double bound(int steps) {
            return base + step * steps + slack;
        }

        /** Residual stage: the first bound of an item with table sum U and residual level ρ. */
        double bound(int steps, int rhoLevel) {
            return base + step * (steps + rhoLevel * rhoPerLevel16 / 16.0) + slack;
        }

        /**
         * Residual stage: the smallest 16·U + level·rhoPerLevel16 whose bound may reach {@code score}; every smaller
         * one lies more than a sixteenth of a step below it (room for the double arithmetic).
         */
        long fixedBelow(double score) {
            return (long) Math.ceil((score - slack - base) / step * 16 - 1);
        }

        /** Residual stage: the second bound of {@code item}, whose first table sum is {@code steps}. */
        double secondBound(int item, int steps) {
            int sum = 0;
            int at = item * codeRow2;
            for (int c = 0; c < codeRow2; c++) {
                sum += luts2[c * 256 + (codes2[at + c] & 0xFF)];
            }
            return secondBound(item, steps, sum);
        }

        private double secondBound(int item, int steps, int sum) {
            return base + step * steps + base2 + step2 * sum + rho2PerLevel * (rho2Levels[item] & 0xFF) + slack;
        }

        /**
         * {@link #secondBound(int, int)} of {@code count} items into {@code out}, four at a time: their rows are
         * independent, so the four lookups and sums overlap (and so do their cache misses).
         */
        void secondBounds(int[] items, int[] steps, int count, double[] out) {
            int[] t = luts2;
            byte[] c2 = codes2;
            int row = codeRow2;
            int i = 0;
            for (; i + 3 < count; i += 4) {
                int a0 = items[i] * row;
                int a1 = items[i + 1] * row;
                int a2 = items[i + 2] * row;
                int a3 = items[i + 3] * row;
                int s0 = 0;
                int s1 = 0;
                int s2 = 0;
                int s3 = 0;
                for (int c = 0; c < row; c++) {
                    int o = c * 256;
                    s0 += t[o + (c2[a0 + c] & 0xFF)];
                    s1 += t[o + (c2[a1 + c] & 0xFF)];
                    s2 += t[o + (c2[a2 + c] & 0xFF)];
                    s3 += t[o + (c2[a3 + c] & 0xFF)];
                }
                out[i] = secondBound(items[i], steps[i], s0);
                out[i + 1] = secondBound(items[i + 1], steps[i + 1], s1);
                out[i + 2] = secondBound(items[i + 2], steps[i + 2], s2);
                out[i + 3] = secondBound(items[i + 3], steps[i + 3], s3);
            }
            for (; i < count; i++) {
                out[i] = secondBound(items[i], steps[i]);
            }
        }

        /** The largest sum (in steps) whose bound lies below {@code score} (-1: none). */
        int stepsBelow(double score) {
            double s = Math.floor((score - slack - base) / step) - 1;
            return (int) Math.max(-1, Math.min(0xFFFF, s));
        }

        /** An item's table sum, from its codes (what the kernel computes, for checks). */
        int steps(int item) {
            int sum = 0;
            for (int s = 0, e = rhoBeside ? m : m + 1; s < e; s++) {
                sum += luts[s * width + code(item, s)] & 0xFF;
            }
            return sum;
        }
    }

    private double subDot(float[] pooled, float[] table, int s, int k, int kc) {
        int sd = subDims;
        double dot = 0;
        int cb = (s * kc + k) * sd - s * sd;
        for (int j = s * sd, e = Math.min(dims, j + sd); j < e; j++) {
            dot += (double) pooled[j] * table[cb + j];
        }
        return dot;
    }

    /**
     * Every item's table sum, less 2¹⁵ (so that signed comparisons order the unsigned sums), by block position: items
     * 2p and 2p + 1 of a block at positions p and p + width/2. Offers the block to {@code selection} (unsigned sums)
     * when any lane reaches its threshold.
     */
    void scan(Query query, short[] bounds, CoarseSelection selection) {
        FastScan.scan(codes, columns, blocks, byteCodes, steps == FINE_STEPS, query.luts, bounds, selection);
    }

    /** {@link #scan} from block {@code first} (4-bit codes): the served kernel. */
    private void scanSingle(Query query, short[] bounds, CoarseSelection selection, int first) {
        FastScan.scanNibbles(codes, columns, blocks, steps == FINE_STEPS, query.luts, bounds, selection, first);
    }

    /** {@link #scan} with a byte per code: the served kernel. */
    private void scanBytes(Query query, short[] bounds, CoarseSelection selection, int first) {
        FastScan.scanBytes(codes, columns, blocks, query.luts, bounds, selection, first);
    }

    /** {@link #scanBytes}'s sums two blocks per iteration (each table loaded once for both), without selection: a variant. */
    private void scanBytesPairs(Query query, short[] bounds) {
        byte[] luts = query.luts;
        int w = BYTES.length();
        int half = w / 2;
        int cols = columns;
        int b = 0;
        for (; b + 1 < blocks; b += 2) {
            ShortVector w0 = ShortVector.zero(FastScan.SHORTS);
            ShortVector o0 = w0;
            ShortVector w1 = w0;
            ShortVector o1 = w0;
            int off0 = b * cols * w;
            int off1 = off0 + cols * w;
            for (int t = 0; t < cols; t++) {
                ByteVector table = ByteVector.fromArray(BYTES, luts, t * w);
                ShortVector p0 = table.rearrange(ByteVector.fromArray(BYTES, codes, off0 + t * w).toShuffle())
                        .reinterpretAsShorts();
                ShortVector p1 = table.rearrange(ByteVector.fromArray(BYTES, codes, off1 + t * w).toShuffle())
                        .reinterpretAsShorts();
                w0 = w0.add(p0);
                o0 = o0.add(p0.lanewise(VectorOperators.LSHR, 8));
                w1 = w1.add(p1);
                o1 = o1.add(p1.lanewise(VectorOperators.LSHR, 8));
            }
            w0.sub(o0.lanewise(VectorOperators.LSHL, 8)).lanewise(VectorOperators.XOR, (short) 0x8000)
                    .intoArray(bounds, b * w);
            o0.lanewise(VectorOperators.XOR, (short) 0x8000).intoArray(bounds, b * w + half);
            w1.sub(o1.lanewise(VectorOperators.LSHL, 8)).lanewise(VectorOperators.XOR, (short) 0x8000)
                    .intoArray(bounds, (b + 1) * w);
            o1.lanewise(VectorOperators.XOR, (short) 0x8000).intoArray(bounds, (b + 1) * w + half);
        }
        if (b < blocks) { // an odd last block
            scanBytes(query, bounds, null, b);
        }
    }

    /*
     * The kernel variants of the kernel profile's comparison ({@code kernels=true}), the same sums without selection:
     * the served loop (one block per iteration) and two blocks per iteration, each table loaded once for both. The
     * latter gained ~5 % at 41k × 512 (tables in L3) but took 1.9× as long at 1M × 64, where the codes stream from
     * memory: two interleaved streams of one block's length apart defeat the hardware prefetcher (the C kernel alike,
     * 3×); without Java 17's shuffle index check (-Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0, which also drops
     * every array bounds check of the Vector API) it ran at the C kernel's speed. Other vector sizes are measured in
     * their own JVM ({@code -Dassocrec.scoring.fastscan-bits}): C2 types a loop's vector accumulators by their declared
     * class and inlines the Vector API's calls by the type profiles inside the API, which every caller shares, so one
     * JVM that runs two sizes of ShortVector through the same operations compiles the later kernel with calls and a
     * boxed vector per operation (30–80× slower here).
     */
    static final String[] KERNEL_VARIANTS = {"rearrange, one block per iteration (served)",
        "rearrange, two blocks per iteration"};

    /** Whether the kernel variants apply: fine steps (byte codes always have them). */
    boolean variantsApply() {
        return steps == FINE_STEPS;
    }

    void scanVariant(int variant, Query query, short[] bounds) {
        switch (variant) {
            case 0 -> scan(query, bounds, null);
            case 1 -> {
                if (byteCodes) {
                    scanBytesPairs(query, bounds);
                } else {
                    scanPairs(query, bounds);
                }
            }
            default -> throw new IllegalArgumentException("kernel variant " + variant);
        }
    }

    /** {@link #scan}'s sums (4-bit codes) two blocks per iteration, without selection: a kernel variant. */
    private void scanPairs(Query query, short[] bounds) {
        byte[] luts = query.luts;
        int w = BYTES.length(); // a constant for C2 (the width field is not)
        int half = w / 2;
        int cols = columns;
        int b = 0;
        for (; b + 1 < blocks; b += 2) {
            ShortVector e0 = ShortVector.zero(FastScan.SHORTS);
            ShortVector o0 = e0;
            ShortVector e1 = e0;
            ShortVector o1 = e0;
            int off0 = b * cols * w;
            int off1 = off0 + cols * w;
            for (int t = 0; t < cols; t++) {
                ByteVector lo = ByteVector.fromArray(BYTES, luts, 2 * t * w);
                ByteVector hi = ByteVector.fromArray(BYTES, luts, (2 * t + 1) * w);
                ByteVector c0 = ByteVector.fromArray(BYTES, codes, off0 + t * w);
                ByteVector c1 = ByteVector.fromArray(BYTES, codes, off1 + t * w);
                ShortVector a0 = lo.rearrange(c0.and((byte) 0x0F).toShuffle()).reinterpretAsShorts();
                ShortVector d0 = hi.rearrange(c0.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4)
                        .reinterpretAsBytes().and((byte) 0x0F).toShuffle()).reinterpretAsShorts();
                ShortVector a1 = lo.rearrange(c1.and((byte) 0x0F).toShuffle()).reinterpretAsShorts();
                ShortVector d1 = hi.rearrange(c1.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4)
                        .reinterpretAsBytes().and((byte) 0x0F).toShuffle()).reinterpretAsShorts();
                e0 = e0.add(a0).add(d0);
                o0 = o0.add(a0.lanewise(VectorOperators.LSHR, 8)).add(d0.lanewise(VectorOperators.LSHR, 8));
                e1 = e1.add(a1).add(d1);
                o1 = o1.add(a1.lanewise(VectorOperators.LSHR, 8)).add(d1.lanewise(VectorOperators.LSHR, 8));
            }
            // As in scan: the low bytes' sums are the whole lanes' less the high bytes'; offset by 2¹⁵.
            e0.sub(o0.lanewise(VectorOperators.LSHL, 8)).lanewise(VectorOperators.XOR, (short) 0x8000)
                    .intoArray(bounds, b * w);
            o0.lanewise(VectorOperators.XOR, (short) 0x8000).intoArray(bounds, b * w + half);
            e1.sub(o1.lanewise(VectorOperators.LSHL, 8)).lanewise(VectorOperators.XOR, (short) 0x8000)
                    .intoArray(bounds, (b + 1) * w);
            o1.lanewise(VectorOperators.XOR, (short) 0x8000).intoArray(bounds, (b + 1) * w + half);
        }
        if (b < blocks) { // an odd last block
            scanSingle(query, bounds, null, b);
        }
    }

    /**
     * The kernel's codes in the C tool's layout (blocks of 64 items, column t = subspaces 2t and 2t + 1): this layout
     * itself at 512-bit vectors, else regrouped (the padding items' codes 0).
     */
    byte[] codes64() {
        if (width == 64) {
            return codes;
        }
        int blocks64 = (rows + 63) / 64;
        byte[] out = new byte[blocks64 * columns * 64];
        for (int i = 0; i < rows; i++) {
            for (int t = 0; t < columns; t++) {
                out[((i / 64) * columns + t) * 64 + i % 64] = codes[((i / width) * columns + t) * width + i % width];
            }
        }
        return out;
    }

    /**
     * The C tool's checksum of this kernel's sums ({@code bounds} from {@link #scan}): Σ (sum mod 2¹⁶)·(item + 1) over
     * the 64-item blocks' items, the padding items (codes 0) included.
     */
    long checksum64(Query query, short[] bounds) {
        long h = 0;
        int half = width / 2;
        for (int p = 0; p < bounds.length; p++) {
            int item = FastScan.itemAt(p / width * width, p % width, half);
            if (item < rows) {
                h += (long) ((bounds[p] + 0x8000) & 0xFFFF) * (item + 1);
            }
        }
        int padding = 0; // every padding item's sum: the tables' entries for code 0
        for (int s = 0; s < 2 * columns; s++) {
            padding += query.luts[s * width] & 0xFF;
        }
        for (long item = rows, end = (rows + 63L) / 64 * 64; item < end; item++) {
            h += (long) (padding & 0xFFFF) * (item + 1);
        }
        return h;
    }

    /** Table t (2 per code column) of {@code query}: its 16 entries. */
    void table16(Query query, int t, byte[] out, int at) {
        System.arraycopy(query.luts, t * width, out, at, 16);
    }

    /** Top k of the non-history items; always the full scan's answer. */
    OrtScorer.Answer topK(float[] pooled, BitSet itemHistory, int k) {
        long t0 = STAGES ? System.nanoTime() : 0;
        BitSet history = itemHistory;
        if (order != null) { // by storage position from here on; the exact top k gets the items themselves
            history = new BitSet(rows);
            for (int i = itemHistory.nextSetBit(0); i >= 0 && i < rows; i = itemHistory.nextSetBit(i + 1)) {
                history.set(positionOf[i]);
            }
        }
        Query query = new Query(pooled);
        short[] bounds = sums.get();
        if (bounds == null) {
            bounds = new short[blocks * width];
            sums.set(bounds);
        }
        int nonHistory = rows - history.cardinality();
        CoarseSelection selection = new CoarseSelection(Math.min(k + seeds, nonHistory), rows, history);
        long t1 = STAGES ? System.nanoTime() : 0;
        scan(query, bounds, selection);
        long t2 = STAGES ? System.nanoTime() : 0;
        int[] seedItems = selection.drain(new float[selection.size()]);
        TopK exact = new TopK(Math.min(k, Math.max(1, nonHistory)));
        float[] seedScores = new float[seedItems.length];
        exactScores(pooled, seedItems, seedItems.length, seedScores);
        for (int i = 0; i < seedItems.length; i++) {
            exact.offer(item(seedItems[i]), seedScores[i]);
        }
        int scored = seedItems.length;
        Arrays.sort(seedItems);
        long t3 = STAGES ? System.nanoTime() : 0;
        int[] hits = new int[256];
        int hitCount = 0;
        if (rhoBeside) {
            long from = exact.size() == k ? query.fixedBelow(exact.threshold()) : Long.MIN_VALUE;
            hits = FastScan.passing(bounds, rhoLevels, query.rhoPerLevel16, from);
            hitCount = hits.length;
        } else {
            int cut = exact.size() == k ? query.stepsBelow(exact.threshold()) : -1;
            short from = (short) (cut + 1 - 0x8000); // the first stored sum above the cut
            for (int p = 0; cut < 0xFFFF && p < bounds.length; p++) { // plain: as fast as a vector compare here
                if (bounds[p] >= from) {
                    if (hitCount == hits.length) {
                        hits = Arrays.copyOf(hits, 2 * hitCount);
                    }
                    hits[hitCount++] = p;
                }
            }
        }
        long filtered = STAGES ? System.nanoTime() : 0;
        // In memory order: sorting the hits best bound first (to stop at the first one the k-th exact score passes)
        // stopped almost none of them on the 512-dim model (their bounds all lie above the final k-th score).
        int w = width;
        int passCount = 0;
        int[] candidates = new int[hitCount + exceptions.length];
        double[] second = new double[candidates.length];
        int[] firstSteps = residualStage ? new int[candidates.length] : null;
        for (int h = 0; h < hitCount; h++) {
            int item = FastScan.itemAt(hits[h] / w * w, hits[h] % w, w / 2);
            if (item >= rows || history.get(item) || Arrays.binarySearch(seedItems, item) >= 0
                    || Arrays.binarySearch(exceptions, item) >= 0) {
                continue;
            }
            candidates[passCount] = item;
            if (residualStage) {
                firstSteps[passCount] = bounds[hits[h]] + 0x8000;
            }
            passCount++;
        }
        if (residualStage) {
            query.secondBounds(candidates, firstSteps, passCount, second);
        } else {
            touchRows(candidates, passCount);
            rowBounds(query, candidates, passCount, second);
        }
        for (int item : exceptions) {
            if (history.get(item) || Arrays.binarySearch(seedItems, item) >= 0) {
                continue;
            }
            candidates[passCount] = item;
            second[passCount++] = rowBound(query, item);
        }
        long t4 = STAGES ? System.nanoTime() : 0;
        scored += FastScan.scoreReaching(targetData, dims, pooled, candidates, second, passCount, exact, k, order);
        passed.add(passCount);
        rescored.add(scored);
        float[] scores = new float[exact.size()];
        int[] items = exact.drainBestFirst(scores);
        if (STAGES) {
            long t5 = System.nanoTime();
            stageNanos[0] += t1 - t0;
            stageNanos[1] += t2 - t1;
            stageNanos[2] += t3 - t2;
            stageNanos[3] += filtered - t3;
            stageNanos[4] += t4 - filtered;
            stageNanos[5] += t5 - t4;
        }
        return new OrtScorer.Answer(new Ranked(items, scores), true);
    }

    /**
     * {@link ReferenceScorer#score} of {@code count} items, bit for bit (each item's products added in dimension
     * order, in float), four items interleaved so that their four dependent chains of additions overlap.
     */
    void exactScores(float[] pooled, int[] items, int count, float[] out) {
        FastScan.exactScores(targetData, dims, pooled, items, count, out);
    }

    /** Keeps {@link #touchRows}' loads from being optimised away. */
    int touched;

    /**
     * Reads one byte of every cache line of the given items' int8 rows, before their dot products: these loads do not
     * depend on one another, so the CPU keeps many of the random rows' misses in flight at once (a prefetch pass;
     * ~1,100 rows of 512 B then sit in L2), where the dot products alone wait for each row in turn.
     */
    void touchRows(int[] items, int count) {
        touched += int8.touch(items, count);
    }

    /**
     * {@link #rowBound} of {@code count} items into {@code out}, the row's bytes widened straight to ints (four
     * quarters of a byte vector): 2–6× faster per row here than widening to shorts and pairs of products to ints.
     */
    void rowBounds(Query query, int[] items, int count, double[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = rowProducts(query.intLevels, items[i]).reduceLanes(VectorOperators.ADD) * query.rowUnit + query.rowSlack;
        }
    }

    private IntVector rowProducts(int[] q, int item) {
        return int8.products(q, item);
    }

    /** The int8 dot products of {@link #rowBounds} with the lanes summed from an array instead of reduceLanes. */
    void rowBoundsWideArray(Query query, int[] items, int count, double[] out) {
        int quarter = INTS.length();
        int[] lanes = new int[quarter];
        for (int i = 0; i < count; i++) {
            rowProducts(query.intLevels, items[i]).intoArray(lanes, 0);
            int sum = 0;
            for (int l = 0; l < quarter; l++) {
                sum += lanes[l];
            }
            out[i] = sum * query.rowUnit + query.rowSlack;
        }
    }

    /** Float dot products of the target rows by lanes (FMA): not the exact score's order, so only a bound with slack. */
    void floatDots(float[] pooled, int[] items, int count, double[] out) {
        jdk.incubator.vector.VectorSpecies<Float> floats = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
        float[] t = targetData;
        for (int i = 0; i < count; i++) {
            int base = items[i] * dims;
            jdk.incubator.vector.FloatVector acc = jdk.incubator.vector.FloatVector.zero(floats);
            for (int j = 0; j + floats.length() <= dims; j += floats.length()) {
                acc = jdk.incubator.vector.FloatVector.fromArray(floats, t, base + j)
                        .fma(jdk.incubator.vector.FloatVector.fromArray(floats, pooled, j), acc);
            }
            out[i] = acc.reduceLanes(VectorOperators.ADD);
        }
    }

    /** {@link #rowBounds} in plain Java (C2's auto-vectorised int reduction, if it makes one). */
    void rowBoundsPlain(Query query, int[] items, int count, double[] out) {
        int[] q = query.intLevels;
        byte[] r = int8.levels();
        for (int i = 0; i < count; i++) {
            int base = items[i] * int8.stride();
            int sum = 0;
            for (int j = 0; j < dims; j++) {
                sum += r[base + j] * q[j];
            }
            out[i] = sum * query.rowUnit + query.rowSlack;
        }
    }

    /** Upper bound of the item's exact score from its int8 row. */
    double rowBound(Query query, int item) {
        return int8.products(query.intLevels, item).reduceLanes(VectorOperators.ADD) * query.rowUnit + query.rowSlack;
    }

    /**
     * Rows whose exact score exceeds either bound for {@code pooled} (must be 0): the table sum from the codes, the
     * kernel's sum for that row, and the int8 bound. Exceptions are skipped for the first (they are always scored).
     */
    int boundViolations(float[] pooled) {
        Query query = new Query(pooled);
        short[] bounds = new short[blocks * width];
        scan(query, bounds, null);
        int violations = 0;
        int half = width / 2;
        for (int p = 0; p < bounds.length; p++) {
            int item = FastScan.itemAt(p / width * width, p % width, half);
            if (item >= rows) {
                continue;
            }
            float score = score(pooled, item);
            int kernelSteps = bounds[p] + 0x8000;
            if (kernelSteps != query.steps(item)) {
                violations++;
            } else if (rhoBeside) {
                int rho = rhoLevels[p];
                // The filter keeps an item when 16·U + ρ-level·rhoPerLevel16 reaches fixedBelow(the k-th score).
                long fixed = ((long) kernelSteps << 4) + rho * query.rhoPerLevel16;
                if (score > query.bound(kernelSteps, rho) || fixed < query.fixedBelow(score)
                        || score > (residualStage ? query.secondBound(item, kernelSteps) : rowBound(query, item))) {
                    violations++;
                }
            } else {
                boolean exception = Arrays.binarySearch(exceptions, item) >= 0;
                if (!exception && score > query.bound(kernelSteps) || score > rowBound(query, item)) {
                    violations++;
                }
            }
        }
        return violations;
    }

    /** Bytes per request-time structure: the kernel's codes and the second bound's (int8 rows or residual codes). */
    long byteSize() {
        return codeBytes() + (residualStage ? codes2.length + rho2Levels.length : int8.levels().length);
    }

    /** Bytes the kernel reads per request (with the residual stage: the codes and the residual levels). */
    long codeBytes() {
        return rhoBeside ? (long) codes.length + 2L * rhoLevels.length : codes.length;
    }
}
