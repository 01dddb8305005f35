package dev.assocrec.bench;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.functions.scoring.OrtScorer;
import dev.assocrec.training.export.OnnxScoringGraph;
import dev.assocrec.training.export.QuantizedTargetTable;
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
 * {@code history=20}.
 */
public final class CertificateRate {
    private static final float TIE = 1e-5f;

    private CertificateRate() {}

    public static void main(String[] args) throws Exception {
        List<Path> models = new ArrayList<>();
        int[] margins = {0, 16, OnnxScoringGraph.DEFAULT_MARGIN, 256};
        int k = 10;
        int historyLength = Histories.LENGTH;
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
            Histories histories = new Histories(version.manifest().itemCount(), version.manifest().pooling(), historyLength);
            for (int margin : margins) {
                Path graphDir = Files.createTempDirectory("certificate-");
                try {
                    for (String table : new String[] {ArtifactLayout.CONTEXT_TABLE, ArtifactLayout.TARGET_TABLE,
                            ArtifactLayout.QUANTIZED_TARGET_TABLE}) {
                        Files.createSymbolicLink(graphDir.resolve(table), dir.toAbsolutePath().resolve(table));
                    }
                    OnnxScoringGraph.twoStage(quantized, margin).write(graphDir);
                    report(dir, margin, k, histories, reference, graphDir);
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

    private static void report(Path dir, int margin, int k, Histories histories, ReferenceScorer reference,
                               Path graphDir) throws Exception {
        try (OrtScorer ort = new OrtScorer(graphDir, 1)) {
            for (int q = 0; q < Histories.COUNT; q++) {
                ort.topK(histories.items[q], histories.weights[q], k); // warm-up
            }
            int certified = 0;
            int mismatches = 0;
            long nanos = 0;
            for (int q = 0; q < Histories.COUNT; q++) {
                long start = System.nanoTime();
                OrtScorer.Answer answer = ort.topK(histories.items[q], histories.weights[q], k);
                nanos += System.nanoTime() - start;
                if (answer.exact()) {
                    certified++;
                    if (!sameRanking(answer.ranked(), reference.topK(histories.items[q], histories.weights[q], k),
                            reference, reference.pool(histories.items[q], histories.weights[q]))) {
                        mismatches++;
                    }
                }
            }
            System.out.printf("%-40s %7d %8d %10.1f%% %11d %10.3f%n", dir.getFileName(), margin, Histories.COUNT,
                    100.0 * certified / Histories.COUNT, mismatches, nanos / 1e6 / Histories.COUNT);
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
