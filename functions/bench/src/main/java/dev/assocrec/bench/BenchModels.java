package dev.assocrec.bench;

import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.export.SyntheticVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark models: items × dims (64 unless a run asks for other widths), seeded tables written once by the contract's writer
 * under target/bench-models and re-verified (not rewritten) by later forks and runs.
 */
final class BenchModels {
    static final int DIMS = 64;
    static final Path ROOT = Path.of(System.getProperty("bench.dir", "target/bench-models"));

    private BenchModels() {}

    static ModelVersion version(int items) throws IOException {
        return version(items, DIMS);
    }

    static synchronized ModelVersion version(int items, int dims) throws IOException {
        String name = dims == DIMS ? String.valueOf(items) : items + "-d" + dims;
        Path dir = ROOT.resolve("items-" + name);
        if (Files.isDirectory(dir)) {
            return ModelVersion.load(dir);
        }
        Files.createDirectories(ROOT);
        return SyntheticVersions.write(dir, "bench-" + name, items, dims, 42);
    }

    /** Resident and peak resident memory of this JVM, from /proc (Linux). */
    static String residentMemory() {
        try {
            long rss = 0;
            long hwm = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kilobytes(line);
                }
            }
            return (rss / 1024) + " MB (peak " + (hwm / 1024) + " MB)";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** A result's file: its name with engine options' slashes ({@code onnx-1/java}) made file-name safe. */
    static String fileName(String name) {
        return name.replace('/', '_');
    }

    static void record(String name, String value) throws IOException {
        Path dir = ROOT.resolve("results");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(fileName(name)), value);
    }
}
