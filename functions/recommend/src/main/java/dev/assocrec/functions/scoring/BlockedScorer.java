package dev.assocrec.functions.scoring;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.contract.TopK;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;

/**
 * Exact top-k over the whole target table, laid out for the CPU: items in blocks of {@link #BLOCK},
 * dimensions outermost inside a block. Scoring a block is then {@code acc[i] += pooled[j] · t[j][i]}
 * over contiguous items, a loop C2 turns into SIMD (a row-major dot product is a float reduction,
 * which C2 will not vectorise because it would reorder the additions). Each item's sum is still taken
 * over j = 0…d-1 in order with separate multiply and add, exactly as {@code ReferenceScorer.score}
 * does, so the scores are bit-identical to the reference and ties break the same way.
 *
 * <p>A scan split over several threads uses helper threads owned by this scorer (one model version),
 * stopped by {@link #close()} when the version is retired.
 */
public final class BlockedScorer implements AutoCloseable {
    /** 256 items × 64 dims = 64 KB per block: streams through L2 while the 1 KB accumulator stays in L1. */
    static final int BLOCK = 256;

    private final int rows;
    private final int dims;
    private final int blocks;
    private final float[] blocked;
    private final ExecutorService helpers; // null when one thread scans alone
    private final int parts;

    /** @param threads how many threads one request's scan is split over (1 = the caller alone) */
    public BlockedScorer(EmbeddingTable target, int threads) {
        this.rows = target.rows();
        this.dims = target.dims();
        this.blocks = (rows + BLOCK - 1) / BLOCK;
        this.blocked = transpose(target, blocks);
        this.parts = Math.max(1, Math.min(threads, blocks));
        this.helpers = parts == 1 ? null : Executors.newFixedThreadPool(parts - 1, r -> {
            Thread t = new Thread(r, "assocrec-scan");
            t.setDaemon(true);
            return t;
        });
    }

    private static float[] transpose(EmbeddingTable target, int blocks) {
        int d = target.dims();
        float[] src = target.data();
        // The last block is padded with zero rows; they are never offered to the top k.
        float[] out = new float[Math.multiplyExact(blocks * BLOCK, d)];
        for (int item = 0; item < target.rows(); item++) {
            int base = (item / BLOCK) * BLOCK * d + item % BLOCK;
            int row = item * d;
            for (int j = 0; j < d; j++) {
                out[base + j * BLOCK] = src[row + j];
            }
        }
        return out;
    }

    /** Top k of the items {@code accept} takes (null: all), best first, ties to the lower index. */
    public Ranked topK(float[] pooled, int k, IntPredicate accept) {
        int capacity = Math.max(0, Math.min(k, rows));
        if (parts == 1 || capacity == 0) {
            return drain(scan(pooled, capacity, accept, 0, blocks));
        }
        List<Future<TopK>> others = new ArrayList<>(parts - 1);
        int per = (blocks + parts - 1) / parts;
        for (int p = 1; p < parts; p++) {
            int from = Math.min(blocks, p * per);
            int to = Math.min(blocks, from + per);
            others.add(helpers.submit(() -> scan(pooled, capacity, accept, from, to)));
        }
        TopK merged = scan(pooled, capacity, accept, 0, Math.min(blocks, per));
        try {
            for (Future<TopK> f : others) {
                TopK part = f.get();
                float[] scores = new float[part.size()];
                int[] items = part.drainBestFirst(scores);
                for (int i = 0; i < items.length; i++) {
                    merged.offer(items[i], scores[i]);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("scoring failed: " + e.getCause(), e.getCause());
        }
        return drain(merged);
    }

    private TopK scan(float[] pooled, int capacity, IntPredicate accept, int fromBlock, int toBlock) {
        TopK top = new TopK(capacity);
        float[] acc = new float[BLOCK];
        int stride = BLOCK * dims;
        for (int b = fromBlock; b < toBlock; b++) {
            Arrays.fill(acc, 0f);
            int off = b * stride;
            for (int j = 0; j < dims; j++) {
                float p = pooled[j];
                int base = off + j * BLOCK;
                for (int i = 0; i < BLOCK; i++) {
                    acc[i] += p * blocked[base + i];
                }
            }
            int first = b * BLOCK;
            int n = Math.min(BLOCK, rows - first);
            float threshold = top.threshold();
            for (int i = 0; i < n; i++) {
                // >= keeps a tie with the weakest kept score: TopK itself decides it by index.
                if (acc[i] >= threshold && (accept == null || accept.test(first + i))) {
                    top.offer(first + i, acc[i]);
                    threshold = top.threshold();
                }
            }
        }
        return top;
    }

    private static Ranked drain(TopK top) {
        float[] scores = new float[top.size()];
        int[] items = top.drainBestFirst(scores);
        return new Ranked(items, scores);
    }

    /** Stops the helper threads; a scan already submitted finishes. */
    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdown();
        }
    }

    /** Bytes of the blocked copy (the row-major table stays for pooling and explanations). */
    public long byteSize() {
        return (long) blocked.length * Float.BYTES;
    }
}
