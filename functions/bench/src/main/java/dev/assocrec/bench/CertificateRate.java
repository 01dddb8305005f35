package dev.assocrec.bench;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.contract.export.OnnxScoringGraph;
import dev.assocrec.contract.export.QuantizedTargetTable;
import dev.assocrec.functions.scoring.OrtScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * How often the two-stage graph certifies its answer, per candidate margin, and whether every
 * certified answer equals the full float32 scan. For each model and margin it writes the graph
 * beside links to the version's tables, runs the benchmark histories through ONNX Runtime and
 * compares with {@link ReferenceScorer}. Arguments: {@code sizes=10000,100000} (benchmark models) or
 * {@code model=<version dir>} (any exported version), {@code margins=0,16,64,256}, {@code k=10},
 * {@code history=20} (random items), or {@code histories=<file>}: real histories, the first
 * {@value Histories#COUNT} lines of a LightGCN-format file ("user item item …", item ids as in the
 * model's item table), at most {@code history} items each, equal weights.
 */
public final class CertificateRate {
    private static final float TIE = 1e-5f;

    private CertificateRate() {}

    public static void main(String[] args) throws Exception {
        List<Path> models = new ArrayList<>();
        int[] margins = {0, 16, OnnxScoringGraph.DEFAULT_MARGIN, 256};
        int k = 10;
        int historyLength = Histories.LENGTH;
        Path historyFile = null;
        for (String a : args) {
            String value = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("sizes=")) {
                for (String size : value.split(",")) {
                    models.add(BenchModels.version(Integer.parseInt(size)).dir());
                }
            } else if (a.startsWith("model=")) {
                models.add(Path.of(value));
            } else if (a.startsWith("margins=")) {
                margins = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (a.startsWith("k=")) {
                k = Integer.parseInt(value);
            } else if (a.startsWith("histories=")) {
                historyFile = Path.of(value);
            } else if (a.startsWith("history=")) {
                historyLength = Integer.parseInt(value);
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        if (models.isEmpty()) {
            models.add(BenchModels.version(100_000).dir());
        }
        System.out.printf("%-40s %7s %8s %11s %11s %10s%n", "model", "margin", "queries", "certified", "mismatches",
                "ms/query");
        for (Path dir : models) {
            ModelVersion version = ModelVersion.load(dir);
            ReferenceScorer reference = new ReferenceScorer(version.readContextTable(), version.readTargetTable());
            QuantizedTargetTable quantized = QuantizedTargetTable.of(version.readTargetTable());
            Queries queries = historyFile == null
                    ? Queries.of(new Histories(version.manifest().itemCount(), version.manifest().pooling(), historyLength))
                    : Queries.read(historyFile, version, historyLength);
            for (int margin : margins) {
                Path graphDir = Files.createTempDirectory("certificate-");
                try {
                    for (String table : new String[] {ArtifactLayout.CONTEXT_TABLE, ArtifactLayout.TARGET_TABLE,
                            ArtifactLayout.QUANTIZED_TARGET_TABLE}) {
                        Files.createSymbolicLink(graphDir.resolve(table), dir.toAbsolutePath().resolve(table));
                    }
                    OnnxScoringGraph.twoStage(quantized, margin).write(graphDir);
                    report(dir, margin, k, queries, reference, graphDir);
                } finally {
                    try (Stream<Path> files = Files.list(graphDir)) {
                        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(f);
                        }
                    }
                    Files.delete(graphDir);
                }
            }
        }
    }

    /** Histories and their pooling weights. */
    private record Queries(int[][] items, float[][] weights) {
        static Queries of(Histories h) {
            return new Queries(h.items, h.weights);
        }

        static Queries read(Path file, ModelVersion version, int length) throws java.io.IOException {
            List<int[]> items = new ArrayList<>();
            try (Stream<String> lines = Files.lines(file)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    String[] ids = line.trim().split("\\s+");
                    int[] known = Arrays.stream(ids, 1, ids.length)
                            .map(id -> version.catalog().indexOf(id))
                            .filter(java.util.OptionalInt::isPresent).mapToInt(java.util.OptionalInt::getAsInt)
                            .limit(length).toArray();
                    if (known.length > 0) {
                        items.add(known);
                    }
                    if (items.size() == Histories.COUNT) {
                        break;
                    }
                }
            }
            float[][] weights = new float[items.size()][];
            for (int q = 0; q < weights.length; q++) {
                weights[q] = new float[items.get(q).length];
                Arrays.fill(weights[q], 1f);
            }
            return new Queries(items.toArray(new int[0][]), weights);
        }
    }

    private static void report(Path dir, int margin, int k, Queries histories, ReferenceScorer reference,
                               Path graphDir) throws Exception {
        try (OrtScorer ort = new OrtScorer(graphDir, 1)) {
            int count = histories.items().length;
            for (int q = 0; q < count; q++) {
                ort.topK(histories.items()[q], histories.weights()[q], k); // warm-up
            }
            int certified = 0;
            int mismatches = 0;
            long nanos = 0;
            for (int q = 0; q < count; q++) {
                long start = System.nanoTime();
                OrtScorer.Answer answer = ort.topK(histories.items()[q], histories.weights()[q], k);
                nanos += System.nanoTime() - start;
                if (answer.exact()) {
                    certified++;
                    if (!sameRanking(answer.ranked(), reference.topK(histories.items()[q], histories.weights()[q], k),
                            reference, reference.pool(histories.items()[q], histories.weights()[q]))) {
                        mismatches++;
                    }
                }
            }
            System.out.printf("%-40s %7d %8d %10.1f%% %11d %10.3f%n", dir.getFileName(), margin, count,
                    100.0 * certified / count, mismatches, nanos / 1e6 / Histories.COUNT);
        }
    }

    /** Position by position, the graph's item scores (by the tables) what the full scan's item there scores: ties may swap. */
    private static boolean sameRanking(Ranked got, Ranked want, ReferenceScorer reference, float[] pooled) {
        if (got.items().length != want.items().length) {
            return false;
        }
        for (int i = 0; i < got.items().length; i++) {
            if (Math.abs(reference.score(pooled, got.items()[i]) - want.scores()[i]) > TIE
                    || Math.abs(got.scores()[i] - want.scores()[i]) > TIE) {
                return false;
            }
        }
        return true;
    }
}
