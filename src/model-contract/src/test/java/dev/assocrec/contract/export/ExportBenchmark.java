package dev.assocrec.contract.export;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.LocalFiles;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.ReferenceScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

/**
 * Prints export, verification and ONNX Runtime query figures for a catalogue-sized model.
 * <pre>
 * ./mvnw -o -pl src/model-contract exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.assocrec.contract.export.ExportBenchmark -Dexec.args="100000 64"
 * </pre>
 */
public final class ExportBenchmark {
    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dims = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Path work = Files.createTempDirectory("export-bench-");
        try {
            Random rng = new Random(1);
            EmbeddingTable context = RandomTables.gaussian(items, dims, rng);
            EmbeddingTable target = RandomTables.gaussian(items, dims, rng);

            long t0 = System.nanoTime();
            ModelVersion v = ModelVersionWriter.write(work.resolve("v1"), RandomTables.trainedModel(context, target),
                    RandomTables.catalog(items), new ModelVersionWriter.VersionInfo("v1", Instant.now(), null, null, null));
            long t1 = System.nanoTime();
            ModelVersion.load(v.dir());
            long t2 = System.nanoTime();
            System.out.printf("model %d items x %d dims: tables %.1f MB each, model.onnx %d bytes%n", items, dims,
                    target.byteSize() / 1e6, Files.size(v.file(ArtifactLayout.MODEL_ONNX)));
            System.out.printf("write+verify version folder: %.2f s; verify alone: %.2f s%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9);

            ReferenceScorer reference = new ReferenceScorer(context, target);
            long l0 = System.nanoTime();
            try (OnnxRuntimeScorer onnx = new OnnxRuntimeScorer(v.dir())) {
                long l1 = System.nanoTime();
                System.out.printf("ONNX Runtime session load (external data): %.2f s%n", (l1 - l0) / 1e9);
                int queries = 200;
                long[] ortNanos = new long[queries];
                long[] javaNanos = new long[queries];
                for (int q = 0; q < queries; q++) {
                    int[] history = rng.ints(50, 0, items).toArray();
                    float[] weights = new float[50];
                    Arrays.fill(weights, 1f);
                    long a = System.nanoTime();
                    onnx.topK(history, weights, 20);
                    long b = System.nanoTime();
                    reference.topK(history, weights, 20);
                    long c = System.nanoTime();
                    ortNanos[q] = b - a;
                    javaNanos[q] = c - b;
                }
                System.out.printf("top-20 of 50-item history, median over %d queries: ONNX Runtime %.2f ms, Java reference %.2f ms%n",
                        queries, median(ortNanos) / 1e6, median(javaNanos) / 1e6);
            }
        } finally {
            LocalFiles.deleteTree(work);
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
