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
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The exact top k through a 4-bit product-quantisation pass ("fast scan", as in FAISS / Quick ADC), served for wide
 * tables where it beats the int8 pass ({@link CoarsePassChoice#ifAvailable}).
 *
 * <p>Build: the d dimensions are split into m = ⌈d / subDims⌉ subspaces, each with 16 centroids (4-bit codes, two per
 * byte) or, with {@link #byteCodes}, 64 (a byte per code: for 3-dim subspaces the same 2 bits per dimension of
 * centroid resolution in 2/3 of the lookups, without nibbles to unpack; needs 64 byte lanes), learnt by seeded k-means
 * on 4,096 sample rows ({@link SubspaceCodebooks}). The codes are kept in blocks of one byte vector's width of items;
 * beside them each item's residual norm ρ = ‖t − t̂‖ as an 8-bit level (ρ ≤ level·rhoUnit), and a row-major int8 copy
 * for the second bound ({@link Int8Rows}).
 *
 * <p>Query: per subspace a table of u_s·centroid, rounded up to steps of the largest table's range (255 steps where
 * m·255 fits 16 bits, else 127), so every item's table sum U plus ‖u‖·ρ bounds its score from above
 * (u·t ≤ u·t̂ + ‖u‖·ρ). A block's lookups are one byte shuffle per code ({@code rearrange}: {@code vpermb} on
 * AVX-512 VBMI), summed in unsigned 16-bit lanes. The items of the k + 16 best sums are scored exactly; every other
 * item whose bound reaches their k-th score gets the int8 bound (|u·t − û·t̂| ≤ ‖u − û‖·T + ‖û‖·R) and an exact score
 * when that still reaches the k-th exact score so far. Every item left out scores below the k-th answer, so the answer
 * is the full scan's (scores in {@link ReferenceScorer}'s order, bit for bit), ties included: always exact.
 *
 * <p>The species is the preferred one, as {@link VectorCoarseKernel}'s: one JVM must not run two vector sizes of one
 * element type through the Vector API (C2 inlines its calls by type profiles every caller shares).
 */
final class FastScan implements CataloguePass {
    /** The preferred vector size; {@code -Dassocrec.scoring.fastscan-bits=256|128} for measurements (one per JVM). */
    static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(
            Integer.getInteger("assocrec.scoring.fastscan-bits", ByteVector.SPECIES_PREFERRED.vectorBitSize())));
    static final VectorSpecies<Short> SHORTS = VectorSpecies.of(short.class, BYTES.vectorShape());
    static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, BYTES.vectorShape());
    /** For k-means and the coding at load: distances to a vector of centroids at once. */
    static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, BYTES.vectorShape());
    static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, BYTES.vectorShape());
    static final int CENTROIDS = 16;
    /** Byte codes: one table fills a 64-byte vector. */
    static final int BYTE_CENTROIDS = 64;
    /** Table entries up to 127 steps: two lookups add in a byte (≤ 254) before they are widened. */
    static final int STEPS = 127;
    /** Entries up to 255 steps (half the rounding) where the unsigned 16-bit sums hold m·255. */
    static final int FINE_STEPS = 255;
    /** Items scored exactly first, beyond k (their k-th score is the first bound's cut). */
    static final int SEEDS = 16;

    private final float[] targetData;
    final int rows;
    final int dims;
    final int subDims;
    final int m;
    final int kc;
    final boolean byteCodes;
    /** Code bytes per item in a block: m with byte codes, ⌈m / 2⌉ with 4-bit ones. */
    final int columns;
    final int width;
    final int blocks;
    final int steps;
    /** [dimension][centroid]: the query's tables read them so (contiguous per dimension). */
    final float[] centroidsByDim;
    /** blocks × columns × width. */
    final byte[] codes;
    /**
     * The residual norm's level (0–255) per block position (items 2p and 2p + 1 of a block at p and p + width/2), in
     * 16-bit lanes like the sums beside it ({@link #passing}).
     */
    final short[] rhoLevels;
    final double rhoUnit;
    final double maxRowNorm;
    /** The int8 copy for the second bound. */
    final Int8Rows int8;
    private final double roundingPerNorm;
    /** Items given the second bound and items scored exactly, over all requests (for the profile). */
    final LongAdder passed = new LongAdder();
    final LongAdder rescored = new LongAdder();
    /**
     * The kernel's sums, one array per thread: the kernel writes every position, and at 1M items a new 2 MB array per
     * request cost 0.1–0.2 ms.
     */
    private final ThreadLocal<short[]> sums;

    /**
     * The narrowest table given the wide form (below, 1-dim subspaces): at 64 dims 2- and 3-dim codes are too coarse
     * for the first bound (of 1M seeded items 100,585 and 84,018 per request passed it; 1-dim codes 815).
     */
    static final int WIDE_DIMS = 256;

    /**
     * The served form, by width only (so the warm-up's small table gets the same one): for tables of at least
     * {@link #WIDE_DIMS} dims 3-dim subspaces with byte codes where a byte vector has 64 lanes, else 2-dim with 4-bit
     * codes; narrower tables 1-dim subspaces (16 levels per dimension) with 4-bit codes.
     */
    static FastScan served(EmbeddingTable target) {
        return new FastScan(target, servedSubDims(target.dims()), servedByteCodes(target.dims()));
    }

    private static int servedSubDims(int dims) {
        return dims < WIDE_DIMS ? 1 : BYTES.length() >= BYTE_CENTROIDS ? 3 : 2;
    }

    private static boolean servedByteCodes(int dims) {
        return servedSubDims(dims) == 3;
    }

    /** Whether the served form fits {@code dims}: its 16-bit sums must hold every code's largest entry. */
    static boolean fits(int dims) {
        int subDims = servedSubDims(dims);
        int m = (dims + subDims - 1) / subDims;
        int columns = servedByteCodes(dims) ? m : (m + 1) / 2;
        return 2L * columns * STEPS <= 0xFFFF;
    }

    FastScan(EmbeddingTable target, int subDims, boolean byteCodes) {
        this(target, target.data(), subDims, byteCodes);
    }

    /**
     * Codes of {@code data} (the target's rows, possibly in another storage order: the bench's clustered form), learnt
     * from it; exact scores read {@code data} too.
     */
    FastScan(EmbeddingTable target, float[] data, int subDims, boolean byteCodes) {
        if (byteCodes && BYTES.length() < BYTE_CENTROIDS) {
            throw new IllegalArgumentException("fast scan: byte codes need 64 byte lanes, this JVM's vectors have "
                    + BYTES.length());
        }
        this.targetData = data;
        this.rows = target.rows();
        this.dims = target.dims();
        this.subDims = subDims;
        this.byteCodes = byteCodes;
        this.kc = byteCodes ? BYTE_CENTROIDS : CENTROIDS;
        this.m = (dims + subDims - 1) / subDims;
        this.columns = byteCodes ? m : (m + 1) / 2;
        this.steps = m * FINE_STEPS <= 0xFFFF ? FINE_STEPS : STEPS;
        if (2 * columns * STEPS > 0xFFFF) {
            throw new IllegalArgumentException("fast scan: " + m + " codes overflow 16-bit sums; use subspaces wider than "
                    + subDims);
        }
        this.width = BYTES.length();
        this.blocks = (rows + width - 1) / width;
        this.roundingPerNorm = 2.0 * (dims + 16) * Math.pow(2, -24);
        this.codes = new byte[Math.multiplyExact(blocks * columns, width)];
        float[] centroids = new float[m * kc * subDims];
        Random random = new Random(17);
        int[] sampleRows = SubspaceCodebooks.sample(rows, random);
        for (int s = 0; s < m; s++) {
            SubspaceCodebooks.kMeans(data, dims, subDims, s, sampleRows, random, centroids, kc);
        }
        this.centroidsByDim = SubspaceCodebooks.byDim(centroids, dims, subDims, kc);
        double[] residual = new double[rows];
        double norm2 = 0;
        for (int i = 0; i < rows; i++) {
            double r2 = 0;
            double n2 = 0;
            for (int s = 0; s < m; s++) {
                int c = SubspaceCodebooks.nearest(data, dims, subDims, i, s, centroidsByDim, kc);
                setCode(i, s, c);
                int cb = (s * kc + c) * subDims - s * subDims;
                for (int j = s * subDims, e = Math.min(dims, j + subDims); j < e; j++) {
                    double x = data[i * dims + j];
                    double diff = x - centroids[cb + j];
                    r2 += diff * diff;
                    n2 += x * x;
                }
            }
            residual[i] = Math.nextUp(Math.sqrt(r2)) * (1 + 0x1p-40);
            norm2 = Math.max(norm2, n2);
        }
        this.maxRowNorm = Math.nextUp(Math.sqrt(norm2));
        this.rhoUnit = SubspaceCodebooks.unit(residual);
        this.rhoLevels = new short[blocks * width];
        for (int p = 0; p < rhoLevels.length; p++) {
            int item = itemAt(p / width * width, p % width, width / 2);
            rhoLevels[p] = item < rows ? (short) SubspaceCodebooks.level(residual[item], rhoUnit) : 0;
        }
        this.int8 = Int8Rows.of(data, rows, dims);
        int positions = blocks * width;
        this.sums = ThreadLocal.withInitial(() -> new short[positions]);
    }

    /** The item at block position {@code p}: items 2p and 2p + 1 of a block lie at p and p + width/2. */
    static int itemAt(int blockStart, int p, int half) {
        return blockStart + (p < half ? 2 * p : 2 * (p - half) + 1);
    }

    private void setCode(int item, int subspace, int code) {
        setCode(codes, byteCodes, columns, item, subspace, code);
    }

    int code(int item, int subspace) {
        return code(codes, byteCodes, columns, item, subspace);
    }

    /** Writes an item's code of one subspace into blocks × columns × width codes (empty nibbles before). */
    static void setCode(byte[] codes, boolean byteCodes, int columns, int item, int subspace, int code) {
        int width = BYTES.length();
        if (byteCodes) {
            codes[((item / width) * columns + subspace) * width + item % width] = (byte) code;
            return;
        }
        int at = ((item / width) * columns + subspace / 2) * width + item % width;
        codes[at] |= (byte) (subspace % 2 == 0 ? code : code << 4);
    }

    static int code(byte[] codes, boolean byteCodes, int columns, int item, int subspace) {
        int width = BYTES.length();
        if (byteCodes) {
            return codes[((item / width) * columns + subspace) * width + item % width] & 0xFF;
        }
        int at = ((item / width) * columns + subspace / 2) * width + item % width;
        return (codes[at] >> (subspace % 2 == 0 ? 0 : 4)) & 0x0F;
    }

    /** ‖v‖ in double, rounded up. */
    static double norm(float[] v) {
        double q2 = 0;
        for (float x : v) {
            q2 += (double) x * x;
        }
        return Math.nextUp(Math.sqrt(q2));
    }

    /**
     * Into raw[s·kc + k]: pooled_s · centroid k of subspace s, for s < m. Dimension by dimension over a subspace's
     * centroids (contiguous, [dimension][centroid]): a loop C2 vectorises, each entry's terms added in dimension order.
     */
    static void rawTables(float[] pooled, float[] centroidsByDim, int dims, int subDims, int kc, int m, double[] raw) {
        for (int s = 0; s < m; s++) {
            for (int j = s * subDims, e = Math.min(dims, j + subDims); j < e; j++) {
                double p = pooled[j];
                int at = j * kc;
                for (int k = 0; k < kc; k++) {
                    raw[s * kc + k] += p * centroidsByDim[at + k];
                }
            }
        }
    }

    /**
     * A request's lookup tables at one step: entry k of table s = ⌈(raw[s·kc + k] − min_s) / step⌉ (at most
     * {@code steps}), so every sum of entries·step + base bounds the sum of the raw values from above.
     *
     * @param magnitude Σ_s max |raw_s|: the scale of the double arithmetic's error
     */
    record Tables(byte[] luts, double base, double step, double magnitude) {
        static Tables of(double[] raw, int tables, int kc, int steps, int lutBytes) {
            int width = BYTES.length();
            double baseSum = 0;
            double range = 0;
            double magnitude = 0;
            double[] min = new double[tables];
            for (int s = 0; s < tables; s++) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < kc; k++) {
                    lo = Math.min(lo, raw[s * kc + k]);
                    hi = Math.max(hi, raw[s * kc + k]);
                }
                min[s] = lo;
                baseSum += lo;
                range = Math.max(range, hi - lo);
                magnitude += Math.max(Math.abs(lo), Math.abs(hi));
            }
            double step = range > 0 ? range / steps : 1;
            byte[] luts = new byte[lutBytes];
            // Rounded up (and a hair more for the double arithmetic), as a truncation of x + 1 − 2⁻²⁰: an entry within
            // 2⁻²⁰ of a step above an integer is undercounted by less than that (the slack adds it back).
            double inverse = (1 + 0x1p-40) / step;
            for (int s = 0; s < tables; s++) {
                double low = min[s];
                int at = s * width;
                for (int k = 0; k < kc; k++) {
                    luts[at + k] = (byte) Math.min(steps, (int) ((raw[s * kc + k] - low) * inverse + (1 - 0x1p-20)));
                }
            }
            return new Tables(luts, baseSum, step, magnitude);
        }
    }

    /** One request's tables: the first bound of an item with table sum U and residual level ρ is base + step·(U + ρ·…) + slack. */
    final class Query {
        final byte[] luts;
        final double base;
        final double step;
        final double slack;
        /** ‖q‖·rhoUnit in sixteenths of a step, rounded up (the first bound, in integers). */
        final long rhoPerLevel16;
        /** The pooled vector at int8 levels for the second bound, its unit and its allowance (E and rounding). */
        final int[] intLevels;
        final double rowUnit;
        final double rowSlack;

        Query(float[] pooled) {
            double[] raw = new double[m * kc];
            double qNorm = norm(pooled);
            rawTables(pooled, centroidsByDim, dims, subDims, kc, m, raw);
            Tables tables = Tables.of(raw, m, kc, steps, (byteCodes ? columns : 2 * columns) * width);
            this.base = tables.base();
            this.step = tables.step();
            this.luts = tables.luts();
            double magnitude = tables.magnitude();
            this.rhoPerLevel16 = (long) Math.ceil(qNorm * rhoUnit / step * 16 * (1 + 0x1p-40));
            // The tables' double arithmetic (2⁻⁴⁰ of every term's size, generously) and the exact score's float32 rounding.
            this.slack = magnitude * 0x1p-38 + qNorm * maxRowNorm * roundingPerNorm + m * step * 0x1p-20;
            Int8Rows.Levels levels = int8.levels(pooled, dims, maxRowNorm);
            this.intLevels = levels.q();
            this.rowUnit = levels.unit();
            this.rowSlack = levels.allowance() + 2 * slack;
        }

        /** The first bound of an item with table sum {@code steps} and residual level {@code rhoLevel}. */
        double bound(int steps, int rhoLevel) {
            return base + step * (steps + rhoLevel * rhoPerLevel16 / 16.0) + slack;
        }

        /**
         * The smallest 16·U + level·rhoPerLevel16 whose bound may reach {@code score}; every smaller one lies more than
         * a sixteenth of a step below it (room for the double arithmetic).
         */
        long fixedBelow(double score) {
            return (long) Math.ceil((score - slack - base) / step * 16 - 1);
        }

        /** An item's table sum, from its codes (what the kernel computes, for checks). */
        int steps(int item) {
            int sum = 0;
            for (int s = 0; s < m; s++) {
                sum += luts[s * width + code(item, s)] & 0xFF;
            }
            return sum;
        }
    }

    /**
     * Every item's table sum, less 2¹⁵ (so that signed comparisons order the unsigned sums), by block position; offers
     * a block to {@code selection} (unsigned sums) when any lane reaches its threshold.
     */
    void scan(Query query, short[] bounds, CoarseSelection selection) {
        scan(codes, columns, blocks, byteCodes, steps == FINE_STEPS, query.luts, bounds, selection);
    }

    /** The kernel of byte or 4-bit codes over every block, a chunk of {@link CoarseKernel#CHUNK_BLOCKS} per call. */
    static void scan(byte[] codes, int columns, int blocks, boolean byteCodes, boolean fine, byte[] luts, short[] bounds,
                     CoarseSelection selection) {
        for (int first = 0; first < blocks; first += CoarseKernel.CHUNK_BLOCKS) {
            int end = Math.min(blocks, first + CoarseKernel.CHUNK_BLOCKS);
            if (byteCodes) {
                scanBytes(codes, columns, end, luts, bounds, selection, first);
            } else {
                scanNibbles(codes, columns, end, fine, luts, bounds, selection, first);
            }
        }
    }

    /**
     * The kernel over 4-bit codes (two per byte, {@code columns} bytes per item) from block {@code first} up to block
     * {@code blocks} (exclusive; {@link #scan} calls it a chunk at a time, {@link CoarseKernel#CHUNK_BLOCKS}): table t's
     * entries at luts[t·width …], entries up to 255 ({@code fine}) or 127 steps.
     */
    static void scanNibbles(byte[] codes, int columns, int blocks, boolean fine, byte[] luts, short[] bounds,
                            CoarseSelection selection, int first) {
        int w = BYTES.length();
        int half = w / 2;
        for (int b = first; b < blocks; b++) {
            ShortVector even = ShortVector.zero(SHORTS);
            ShortVector odd = even;
            int off = b * columns * w;
            for (int t = 0; t < columns; t++) {
                ByteVector code = ByteVector.fromArray(BYTES, codes, off + t * w);
                ByteVector low = code.and((byte) 0x0F);
                // Shifted as shorts: Java 17's C2 has no byte-lane shift on x86.
                ByteVector high = code.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                        .and((byte) 0x0F);
                ByteVector a = ByteVector.fromArray(BYTES, luts, 2 * t * w).rearrange(low.toShuffle());
                ByteVector c = ByteVector.fromArray(BYTES, luts, (2 * t + 1) * w).rearrange(high.toShuffle());
                if (fine) {
                    // Entries up to 255: a short lane holds items 2p (low byte) and 2p + 1 (high byte); "even" sums
                    // the whole lanes (wrapping), "odd" the high bytes, and the low bytes' sum is their difference
                    // below (as in FAISS: no mask per lookup).
                    ShortVector pa = a.reinterpretAsShorts();
                    ShortVector pc = c.reinterpretAsShorts();
                    even = even.add(pa).add(pc);
                    odd = odd.add(pa.lanewise(VectorOperators.LSHR, 8)).add(pc.lanewise(VectorOperators.LSHR, 8));
                } else { // entries up to 127: two add in a byte before widening
                    ShortVector pairs = a.add(c).reinterpretAsShorts();
                    even = even.add(pairs.and((short) 0xFF));
                    odd = odd.add(pairs.lanewise(VectorOperators.LSHR, 8));
                }
            }
            if (fine) { // the low bytes' sum ≤ 255·codes < 2¹⁶: exact modulo 2¹⁶
                even = even.sub(odd.lanewise(VectorOperators.LSHL, 8));
            }
            store(even, odd, b * w, bounds, selection);
        }
    }

    /**
     * The kernel over byte codes ({@code columns} per item, tables of 64 entries at luts[t·width …]) from block
     * {@code first} up to block {@code blocks} (exclusive).
     */
    static void scanBytes(byte[] codes, int columns, int blocks, byte[] luts, short[] bounds, CoarseSelection selection,
                          int first) {
        int w = BYTES.length();
        for (int b = first; b < blocks; b++) {
            ShortVector whole = ShortVector.zero(SHORTS);
            ShortVector odd = whole;
            int off = b * columns * w;
            for (int t = 0; t < columns; t++) {
                ByteVector code = ByteVector.fromArray(BYTES, codes, off + t * w);
                ShortVector pa = ByteVector.fromArray(BYTES, luts, t * w).rearrange(code.toShuffle()).reinterpretAsShorts();
                whole = whole.add(pa);
                odd = odd.add(pa.lanewise(VectorOperators.LSHR, 8));
            }
            // The low bytes' sum (≤ 255·columns < 2¹⁶) is the wrapped whole-lane sum less the high bytes'.
            store(whole.sub(odd.lanewise(VectorOperators.LSHL, 8)), odd, b * w, bounds, selection);
        }
    }

    /** A block's even and odd items' sums, offset by 2¹⁵, into {@code bounds}; offered when any reaches the threshold. */
    private static void store(ShortVector even, ShortVector odd, int item, short[] bounds, CoarseSelection selection) {
        int half = BYTES.length() / 2;
        even = even.lanewise(VectorOperators.XOR, (short) 0x8000);
        odd = odd.lanewise(VectorOperators.XOR, (short) 0x8000);
        even.intoArray(bounds, item);
        odd.intoArray(bounds, item + half);
        if (selection != null) {
            short threshold = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE,
                    (long) selection.threshold() - 0x8000));
            if (even.max(odd).compare(VectorOperators.GE, threshold).anyTrue()) {
                for (int p = 0; p < 2 * half; p++) {
                    selection.offer(itemAt(item, p, half), bounds[item + p] + 0x8000);
                }
            }
        }
    }

    /** Top k of the non-history items; always the full scan's answer. */
    @Override
    public OrtScorer.Answer topK(float[] pooled, BitSet history, int k) {
        Query query = new Query(pooled);
        short[] bounds = sums.get();
        int nonHistory = rows - history.cardinality();
        CoarseSelection selection = new CoarseSelection(Math.min(k + SEEDS, nonHistory), rows, history);
        scan(query, bounds, selection);
        int[] seedItems = selection.drain(new float[selection.size()]);
        TopK exact = new TopK(Math.min(k, Math.max(1, nonHistory)));
        float[] seedScores = new float[seedItems.length];
        exactScores(targetData, dims, pooled, seedItems, seedItems.length, seedScores);
        for (int i = 0; i < seedItems.length; i++) {
            exact.offer(seedItems[i], seedScores[i]);
        }
        int scored = seedItems.length;
        Arrays.sort(seedItems);
        long from = exact.size() == k ? query.fixedBelow(exact.threshold()) : Long.MIN_VALUE;
        int[] hits = passing(bounds, rhoLevels, query.rhoPerLevel16, from);
        int hitCount = hits.length;
        // In memory order: sorting the hits best bound first stopped almost none of them on the 512-dim Gowalla model
        // (their bounds all lie above the final k-th score).
        int w = width;
        int passCount = 0;
        int[] candidates = new int[hitCount];
        for (int h = 0; h < hitCount; h++) {
            int item = itemAt(hits[h] / w * w, hits[h] % w, w / 2);
            if (item < rows && !history.get(item) && Arrays.binarySearch(seedItems, item) < 0) {
                candidates[passCount++] = item;
            }
        }
        double[] second = new double[passCount];
        touched += int8.touch(candidates, passCount);
        rowBounds(query, candidates, passCount, second);
        scored += scoreReaching(targetData, dims, pooled, candidates, second, passCount, exact, k, null);
        passed.add(passCount);
        rescored.add(scored);
        float[] scores = new float[exact.size()];
        int[] items = exact.drainBestFirst(scores);
        return new OrtScorer.Answer(new Ranked(items, scores), true);
    }

    /**
     * The block positions whose first bound, 16·(sum + 2¹⁵) + ρ-level·perLevel16, reaches {@code from}, in order. A
     * vector of sums is tested first in 16-bit lanes, sum + ρ-level·⌈perLevel16 / 16⌉ ≥ ⌊from / 16⌋ − 2¹⁵ (a test every
     * passing position passes too), and only vectors with a lane through are tested lane by lane: a plain loop over
     * every position took 0.7–1.1 ms of a 1M-item request. Where those 16-bit terms would overflow, every position is
     * tested plainly.
     */
    static int[] passing(short[] bounds, short[] rho, long perLevel16, long from) {
        int[] hits = new int[256];
        int hitCount = 0;
        int lanes = SHORTS.length();
        long cut = Math.floorDiv(from, 16) - 0x8000;
        long perStep = perLevel16 / 16 + (perLevel16 % 16 == 0 ? 0 : 1);
        // cut − ρ·k lies in 16 bits where these hold, so its wrapping products and differences are exact
        boolean vectorTest = perStep <= Short.MAX_VALUE && cut <= Short.MAX_VALUE
                && cut - 255 * perStep >= Short.MIN_VALUE;
        ShortVector cuts = ShortVector.broadcast(SHORTS, (short) cut);
        short k = (short) perStep;
        for (int p = 0; p < bounds.length; p += lanes) {
            if (vectorTest && p + lanes <= bounds.length && !ShortVector.fromArray(SHORTS, bounds, p)
                    .compare(VectorOperators.GE, cuts.sub(ShortVector.fromArray(SHORTS, rho, p).mul(k))).anyTrue()) {
                continue;
            }
            for (int q = p, end = Math.min(bounds.length, p + lanes); q < end; q++) {
                if (passes(bounds[q], rho[q], perLevel16, from)) {
                    if (hitCount == hits.length) {
                        hits = Arrays.copyOf(hits, 2 * hitCount);
                    }
                    hits[hitCount++] = q;
                }
            }
        }
        return Arrays.copyOf(hits, hitCount);
    }

    private static boolean passes(short bound, short rho, long perLevel16, long from) {
        return ((bound + 0x8000L) << 4) + rho * perLevel16 >= from;
    }

    /**
     * Scores exactly, four rows at a time, each candidate whose second bound still reaches the k-th score so far, into
     * {@code exact} (as item {@code items[row]} when rows are stored in another order); returns how many were scored.
     */
    static int scoreReaching(float[] t, int d, float[] pooled, int[] candidates, double[] second, int count, TopK exact,
                             int k, int[] items) {
        int[] group = new int[4];
        float[] groupScores = new float[4];
        int scored = 0;
        for (int c = 0; c < count; ) {
            int g = 0;
            for (; c < count && g < 4; c++) {
                if (exact.size() + g < k || second[c] >= exact.threshold()) {
                    group[g++] = candidates[c];
                }
            }
            exactScores(t, d, pooled, group, g, groupScores);
            for (int i = 0; i < g; i++) {
                exact.offer(items == null ? group[i] : items[group[i]], groupScores[i]);
            }
            scored += g;
        }
        return scored;
    }

    /**
     * {@link ReferenceScorer#score} of {@code count} rows of {@code t} (width {@code d}), bit for bit (each row's
     * products added in dimension order, in float), four rows interleaved so that their dependent chains overlap.
     */
    static void exactScores(float[] t, int d, float[] pooled, int[] items, int count, float[] out) {
        int i = 0;
        for (; i + 3 < count; i += 4) {
            int b0 = items[i] * d;
            int b1 = items[i + 1] * d;
            int b2 = items[i + 2] * d;
            int b3 = items[i + 3] * d;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int j = 0; j < d; j++) {
                float p = pooled[j];
                s0 += p * t[b0 + j];
                s1 += p * t[b1 + j];
                s2 += p * t[b2 + j];
                s3 += p * t[b3 + j];
            }
            out[i] = s0;
            out[i + 1] = s1;
            out[i + 2] = s2;
            out[i + 3] = s3;
        }
        for (; i < count; i++) {
            int b = items[i] * d;
            float s = 0;
            for (int j = 0; j < d; j++) {
                s += pooled[j] * t[b + j];
            }
            out[i] = s;
        }
    }

    /** Keeps {@link Int8Rows#touch}'s loads from being optimised away. */
    int touched;

    /**
     * The int8 bound of {@code count} items into {@code out}, the row's bytes widened straight to ints (four quarters of
     * a byte vector): 2–6× faster per row here than widening to shorts and pairs of products to ints.
     */
    void rowBounds(Query query, int[] items, int count, double[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = int8.products(query.intLevels, items[i]).reduceLanes(VectorOperators.ADD) * query.rowUnit
                    + query.rowSlack;
        }
    }

    /**
     * Rows whose exact score exceeds either bound for {@code pooled} (must be 0), or whose kernel sum is not the table
     * sum of its codes.
     */
    int boundViolations(float[] pooled) {
        Query query = new Query(pooled);
        short[] bounds = new short[blocks * width];
        scan(query, bounds, null);
        int violations = 0;
        int half = width / 2;
        double[] second = new double[1];
        float[] score = new float[1];
        for (int p = 0; p < bounds.length; p++) {
            int item = itemAt(p / width * width, p % width, half);
            if (item >= rows) {
                continue;
            }
            exactScores(targetData, dims, pooled, new int[] {item}, 1, score);
            int kernelSteps = bounds[p] + 0x8000;
            int rho = rhoLevels[p];
            rowBounds(query, new int[] {item}, 1, second);
            // The filter keeps an item when 16·U + ρ-level·rhoPerLevel16 reaches fixedBelow(the k-th score).
            long fixed = ((long) kernelSteps << 4) + rho * query.rhoPerLevel16;
            if (kernelSteps != query.steps(item) || score[0] > query.bound(kernelSteps, rho)
                    || fixed < query.fixedBelow(score[0]) || score[0] > second[0]) {
                violations++;
            }
        }
        return violations;
    }

    /** The form, for the load's log: subspace width and code size. */
    String form() {
        return "fast scan " + subDims + "-dim " + (byteCodes ? "byte" : "4-bit") + " codes";
    }

    /** The form ({@link CoarsePassChoice} adds what its choice at load measured). */
    @Override
    public String kernelChoice() {
        return form();
    }

    /** Bytes held for requests: the kernel's codes and residual levels, and the int8 rows. */
    @Override
    public long byteSize() {
        return (long) codes.length + 2L * rhoLevels.length + int8.levels().length;
    }

    /** Holds no native resources. */
    @Override
    public void close() {
    }
}
