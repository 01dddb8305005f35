package dev.assocrec.functions.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The served coarse pass on 512-dim tables shaped like trained ones, and on a real trained model when one is at hand:
 * every certified answer equals {@link ReferenceScorer}'s full float32 scan bit for bit, and (trained tables having a
 * clear top, unlike random ones) nearly every answer is certified; the fast scan ({@link FastScan}) answers every one.
 *
 * <p>Trained-like: items in taste clusters around centres whose coordinates shrink with the dimension (a decaying
 * spectrum, as in a trained table), unit-norm target rows (the trainer's {@code unitTargets}), context rows near their
 * targets, and histories drawn from one or two clusters, as users' are.
 */
class WideTrainedTablesTest {
    private static final int DIMS = 512;
    /** A trained version folder, e.g. the 512-dim Gowalla model; the test using it is skipped without one. */
    private static final String MODEL_PROPERTY = "assocrec.test.trained-model";
    /** LightGCN-format histories for that model; by default the Gowalla train split in ../shared/data, when present. */
    private static final String HISTORIES_PROPERTY = "assocrec.test.trained-histories";

    @Test
    void certifiedAnswersEqualTheFullScanOnTrainedLike512DimTables() {
        Random r = new Random(17);
        int rows = 6_000;
        int clusters = 120;
        float[] scale = new float[DIMS];
        for (int j = 0; j < DIMS; j++) {
            scale[j] = (float) (1 / Math.sqrt(1 + j / 8.0));
        }
        float[][] centres = new float[clusters][DIMS];
        for (float[] c : centres) {
            for (int j = 0; j < DIMS; j++) {
                c[j] = (float) r.nextGaussian() * scale[j];
            }
        }
        int[] clusterOf = new int[rows];
        float[] target = new float[rows * DIMS];
        float[] context = new float[rows * DIMS];
        for (int i = 0; i < rows; i++) {
            clusterOf[i] = r.nextInt(clusters);
            double norm2 = 0;
            for (int j = 0; j < DIMS; j++) {
                float v = centres[clusterOf[i]][j] + 0.6f * (float) r.nextGaussian() * scale[j];
                target[i * DIMS + j] = v;
                norm2 += (double) v * v;
            }
            float inv = (float) (1 / Math.sqrt(norm2));
            for (int j = 0; j < DIMS; j++) {
                target[i * DIMS + j] *= inv;
                context[i * DIMS + j] = target[i * DIMS + j] + 0.02f * (float) r.nextGaussian();
            }
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < rows; i++) {
            members.get(clusterOf[i]).add(i);
        }
        int queries = 300;
        int[][] histories = new int[queries][];
        for (int q = 0; q < queries; q++) {
            int length = 1 + r.nextInt(20);
            int[] tastes = {r.nextInt(clusters), r.nextInt(clusters)};
            histories[q] = new int[length];
            for (int i = 0; i < length; i++) {
                List<Integer> pool = members.get(tastes[i % (1 + r.nextInt(2))]);
                histories[q][i] = pool.isEmpty() ? r.nextInt(rows) : pool.get(r.nextInt(pool.size()));
            }
        }
        for (Outcome o : compare(new EmbeddingTable(rows, DIMS, context), new EmbeddingTable(rows, DIMS, target), histories)) {
            assertEquals(0, o.wrong, o.kernel + ": " + o.wrong + " certified answers differ from the full scan");
            assertTrue(o.certified >= 0.95 * queries, o.kernel + ": certified only " + o.certified + " of " + queries);
        }
    }

    @Test
    void certifiedAnswersEqualTheFullScanOnARealTrainedModel() throws IOException {
        String dir = System.getProperty(MODEL_PROPERTY, System.getenv().getOrDefault("ASSOCREC_TEST_TRAINED_MODEL", ""));
        assumeTrue(!dir.isEmpty() && Files.isDirectory(Path.of(dir)), "skipped: no trained model (set -D" + MODEL_PROPERTY
                + "=<version dir> or ASSOCREC_TEST_TRAINED_MODEL, e.g. the 512-dim Gowalla model)");
        ModelVersion version = ModelVersion.load(Path.of(dir));
        String historyFile = System.getProperty(HISTORIES_PROPERTY, Path.of(System.getProperty("assocrec.repo.root", "."))
                .resolve("../shared/data/gowalla-lightgcn/train.part1.txt").normalize().toString());
        int[][] histories = new int[0][];
        if (!historyFile.isEmpty() && Files.isRegularFile(Path.of(historyFile))) {
            histories = read(Path.of(historyFile), version, 256, 20);
        }
        if (histories.length == 0) {
            Random r = new Random(3);
            histories = new int[256][];
            for (int q = 0; q < histories.length; q++) {
                histories[q] = r.ints(1 + r.nextInt(20), 0, version.manifest().itemCount()).toArray();
            }
        }
        for (Outcome o : compare(version.readContextTable(), version.readTargetTable(), histories)) {
            assertEquals(0, o.wrong, o.kernel + ": " + o.wrong + " certified answers differ from the full scan");
            if (o.kernel.startsWith("fast scan")) {
                assertEquals(histories.length, o.certified, o.kernel + " answers every request exactly");
            }
            System.out.printf("%s, %s: %d of %d answers certified%n", version.manifest().version(), o.kernel, o.certified,
                    histories.length);
        }
    }

    private record Outcome(String kernel, int certified, int wrong) {}

    /**
     * Through the served construction (the form chosen at load, the served margin) and through each coarse form
     * (the Vector API int8 kernel, ONNX Runtime's integer GEMM, the fast scan), k = 10, history masked.
     */
    private static List<Outcome> compare(EmbeddingTable context, EmbeddingTable target, int[][] histories) {
        ReferenceScorer reference = new ReferenceScorer(context, target);
        CataloguePass served = CoarsePassChoice.ifAvailable(reference, target);
        assertNotNull(served, "surefire runs with --add-modules jdk.incubator.vector and C2");
        List<Outcome> outcomes = new ArrayList<>();
        try (served;
             QuantizedScan java = new QuantizedScan(reference, target, new VectorCoarseKernel(2), QuantizedScan.MARGIN);
             QuantizedScan ort = new QuantizedScan(reference, target, new OrtCoarseKernel(1), QuantizedScan.MARGIN);
             FastScan fast = CoarsePassChoice.fastScan(target)) {
            outcomes.add(compare(reference, target, histories, served, "served (" + served.kernelChoice() + ")"));
            outcomes.add(compare(reference, target, histories, java, "Java Vector API kernel"));
            outcomes.add(compare(reference, target, histories, ort, "ONNX Runtime kernel"));
            outcomes.add(compare(reference, target, histories, fast, fast.kernelChoice()));
        }
        return outcomes;
    }

    private static Outcome compare(ReferenceScorer reference, EmbeddingTable target, int[][] histories, CataloguePass scan,
                                   String kernel) {
        int certified = 0;
        int wrong = 0;
        for (int[] history : histories) {
            float[] weights = new float[history.length];
            java.util.Arrays.fill(weights, 1f);
            BitSet historySet = new BitSet(target.rows());
            for (int h : history) {
                historySet.set(h);
            }
            float[] pooled = reference.pool(history, weights);
            OrtScorer.Answer got = scan.topK(pooled, historySet, 10);
            if (got.exact()) {
                certified++;
                Ranked want = reference.topK(pooled, 10, i -> !historySet.get(i));
                try {
                    assertArrayEquals(want.items(), got.ranked().items());
                    assertArrayEquals(want.scores(), got.ranked().scores(), 0f);
                } catch (AssertionError e) {
                    wrong++;
                }
            }
        }
        return new Outcome(kernel, certified, wrong);
    }

    private static int[][] read(Path file, ModelVersion version, int count, int length) throws IOException {
        List<int[]> out = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file)) {
            for (String line : (Iterable<String>) lines::iterator) {
                String[] ids = line.trim().split("\\s+");
                int[] known = java.util.Arrays.stream(ids, 1, ids.length).map(id -> version.catalog().indexOf(id))
                        .filter(OptionalInt::isPresent).mapToInt(OptionalInt::getAsInt).limit(length).toArray();
                if (known.length > 0) {
                    out.add(known);
                }
                if (out.size() == count) {
                    break;
                }
            }
        }
        return out.toArray(new int[0][]);
    }
}
