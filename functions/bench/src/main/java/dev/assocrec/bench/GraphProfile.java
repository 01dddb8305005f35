package dev.assocrec.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.OnnxSignature;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.functions.scoring.CataloguePass;
import dev.assocrec.functions.scoring.CoarsePassChoice;
import dev.assocrec.functions.scoring.OrtScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one unfiltered request's time goes at a catalogue size, one thread: the ONNX graph through DJL
 * (what serving called), the same graph through ONNX Runtime's own Java API with its profiler on (per
 * operator kernel time, and the session's run time: the rest of DJL's figure is JNI crossings and
 * tensor copies), and the Java coarse pass (as {@link CoarsePassChoice} chooses it: the int8 {@code QuantizedScan}
 * below 256 dims). Medians over the bench histories.
 * Arguments: {@code items=1000000}, {@code rounds=2} (passes over the 256 histories).
 */
public final class GraphProfile {
    private GraphProfile() {}

    public static void main(String[] args) throws Exception {
        int items = 1_000_000;
        int rounds = 2;
        for (String a : args) {
            if (a.startsWith("items=")) {
                items = Integer.parseInt(a.substring("items=".length()));
            } else if (a.startsWith("rounds=")) {
                rounds = Integer.parseInt(a.substring("rounds=".length()));
            }
        }
        ModelVersion version = BenchModels.version(items);
        Histories histories = new Histories(items, version.manifest().pooling());
        int queries = rounds * Histories.COUNT;
        int k = 10;

        double[] djl = new double[queries];
        try (OrtScorer ort = new OrtScorer(version.dir(), 1)) {
            for (int q = -Histories.COUNT; q < queries; q++) {
                int h = Math.floorMod(q, Histories.COUNT);
                long start = System.nanoTime();
                ort.topK(histories.items[h], histories.weights[h], k);
                if (q >= 0) {
                    djl[q] = (System.nanoTime() - start) / 1e6;
                }
            }
        }

        Path profileDir = Files.createTempDirectory("ort-profile");
        double[] direct = new double[queries];
        String profile;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.enableProfiling(profileDir.resolve("graph").toString());
            try (OrtSession session = env.createSession(version.dir().resolve(ArtifactLayout.MODEL_ONNX).toString(), options)) {
                for (int q = 0; q < queries; q++) {
                    int h = q % Histories.COUNT;
                    long start = System.nanoTime();
                    run(env, session, histories.items[h], histories.weights[h], k);
                    direct[q] = (System.nanoTime() - start) / 1e6;
                }
                profile = session.endProfiling();
            }
        }

        EmbeddingTable target = version.readTargetTable();
        ReferenceScorer reference = new ReferenceScorer(version.readContextTable(), target);
        long built = System.nanoTime();
        CataloguePass quantized = CoarsePassChoice.ifAvailable(reference, target);
        double buildMs = (System.nanoTime() - built) / 1e6;
        double[] java = new double[queries];
        double[] firstJava = new double[3];
        int certified = 0;
        if (quantized != null) {
            for (int q = -Histories.COUNT; q < queries; q++) {
                int h = Math.floorMod(q, Histories.COUNT);
                long start = System.nanoTime();
                BitSet history = new BitSet(items);
                for (int i : histories.items[h]) {
                    history.set(i);
                }
                boolean exact = quantized.topK(reference.pool(histories.items[h], histories.weights[h]), history, k).exact();
                double ms = (System.nanoTime() - start) / 1e6;
                if (q < firstJava.length - Histories.COUNT) {
                    firstJava[q + Histories.COUNT] = ms;
                }
                if (q >= 0) {
                    java[q] = ms;
                    certified += exact ? 1 : 0;
                }
            }
        }

        Map<String, Double> byOp = operatorMedians(Path.of(profile));
        System.out.printf("%n%d items x %d dims, k=%d, history %d, one thread, %d queries: median ms per query%n",
                items, target.dims(), k, Histories.LENGTH, queries);
        System.out.printf("  graph via DJL (serving's OrtScorer)        %8.3f%n", median(djl));
        System.out.printf("  graph via ORT Java API, profiler on        %8.3f%n", median(direct));
        double kernels = 0;
        for (Map.Entry<String, Double> e : byOp.entrySet()) {
            if (!e.getKey().equals("model_run")) {
                kernels += e.getValue();
            }
        }
        System.out.printf("    session run (profiler's model_run)       %8.3f%n", byOp.getOrDefault("model_run", Double.NaN));
        System.out.printf("    operator kernels, summed                 %8.3f%n", kernels);
        byOp.entrySet().stream().filter(e -> !e.getKey().equals("model_run"))
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(8)
                .forEach(e -> System.out.printf("      %-38s %8.3f%n", e.getKey(), e.getValue()));
        if (quantized == null) {
            System.out.println("  Java coarse pass: not measured (start the JVM with --add-modules jdk.incubator.vector)");
        } else {
            System.out.printf("  Java coarse pass + exact re-score (QuantizedScan) %8.3f  (%d of %d certified)%n",
                    median(java), certified, queries);
            System.out.printf("    its first %d queries in this JVM, after the load's warm-up: %s ms%n",
                    firstJava.length, Arrays.toString(firstJava));
            System.out.printf("    int8 copy and kernel warm-up at load: %.0f ms%n", buildMs);
        }
    }

    private static void run(OrtEnvironment env, OrtSession session, int[] history, float[] weights, int k)
            throws OrtException {
        long[] h = Arrays.stream(history).asLongStream().toArray();
        // Weights as given (attend false), as OrtScorer feeds a history whose weights are final.
        try (OnnxTensor ht = OnnxTensor.createTensor(env, h);
             OnnxTensor wt = OnnxTensor.createTensor(env, weights);
             OnnxTensor et = OnnxTensor.createTensor(env, new long[h.length]);
             OnnxTensor at = OnnxTensor.createTensor(env, new float[h.length]);
             OnnxTensor attend = OnnxTensor.createTensor(env, new boolean[] {false});
             OnnxTensor kt = OnnxTensor.createTensor(env, new long[] {k});
             OrtSession.Result ignored = session.run(Map.of(OnnxSignature.INPUT_HISTORY, ht,
                     OnnxSignature.INPUT_WEIGHTS, wt, OnnxSignature.INPUT_EVENT_TYPES, et, OnnxSignature.INPUT_AGES, at,
                     OnnxSignature.INPUT_ATTEND, attend, OnnxSignature.INPUT_K, kt))) {
            // the outputs are only timed
        }
    }

    /** Median kernel time per node over the runs, summed per operator type (ms); "model_run" for whole runs. */
    private static Map<String, Double> operatorMedians(Path profile) throws Exception {
        Map<String, List<Double>> perNode = new TreeMap<>();
        Map<String, String> opOfNode = new TreeMap<>();
        for (JsonNode e : new ObjectMapper().readTree(profile.toFile())) {
            String name = e.path("name").asText();
            double ms = e.path("dur").asDouble() / 1000.0;
            if (name.equals("model_run")) {
                perNode.computeIfAbsent(name, n -> new ArrayList<>()).add(ms);
                opOfNode.put(name, name);
            } else if ("Node".equals(e.path("cat").asText()) && name.endsWith("_kernel_time")) {
                perNode.computeIfAbsent(name, n -> new ArrayList<>()).add(ms);
                opOfNode.put(name, e.path("args").path("op_name").asText());
            }
        }
        Map<String, Double> byOp = new TreeMap<>();
        perNode.forEach((node, times) -> byOp.merge(opOfNode.get(node),
                median(times.stream().mapToDouble(Double::doubleValue).toArray()), Double::sum));
        return byOp;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
