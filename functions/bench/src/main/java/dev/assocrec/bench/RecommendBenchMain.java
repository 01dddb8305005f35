package dev.assocrec.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ModelVersion;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

/**
 * Runs the JMH benchmarks and prints one table: per catalogue size, p50/p99 latency on one thread and
 * requests per second on two, for {@code recommend} and the plain Java scan, with resident memory;
 * then the same sizes beside the C limit scan ({@code src/main/c/limit_scan.c}, built by the {@code jmh}
 * profile when a C compiler is present); then the filtered-request strategies. Arguments: {@code sizes=10000,100000} to limit the sizes,
 * {@code filters=false} to skip the filter comparison, {@code jvm=<option>[,<option>…]} to add JVM options
 * to every fork; {@code model=<version dir>} serves a trained version instead of the seeded sizes,
 * {@code histories=<file>} real histories (LightGCN format), {@code history=20} at most that many items each.
 */
public final class RecommendBenchMain {
    /** JVM options added to every fork ({@code jvm=a,b}), e.g. a deployment's JAVA_TOOL_OPTIONS. */
    private static String[] extraJvmArgs = {};

    private RecommendBenchMain() {}

    public static void main(String[] args) throws Exception {
        String[] sizes = {"10000", "100000", "1000000"};
        String[] engines = {"java-1", "java-2", "onnx-1", "onnx-2"};
        boolean filters = true;
        String dims = String.valueOf(BenchModels.DIMS);
        String model = "";
        String historyFile = "";
        String historyLength = String.valueOf(Histories.LENGTH);
        for (String a : args) {
            if (a.startsWith("sizes=")) {
                sizes = a.substring("sizes=".length()).split(",");
            } else if (a.startsWith("engines=")) {
                engines = a.substring("engines=".length()).split(",");
            } else if (a.startsWith("dims=")) {
                dims = String.valueOf(Integer.parseInt(a.substring("dims=".length())));
            } else if (a.equals("filters=false")) {
                filters = false;
            } else if (a.startsWith("jvm=")) {
                extraJvmArgs = a.substring("jvm=".length()).split(",");
            } else if (a.startsWith("model=")) {
                model = Path.of(a.substring("model=".length())).toAbsolutePath().toString();
            } else if (a.startsWith("histories=")) {
                historyFile = Path.of(a.substring("histories=".length())).toAbsolutePath().toString();
            } else if (a.startsWith("history=")) {
                historyLength = String.valueOf(Integer.parseInt(a.substring("history=".length())));
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "' (sizes=, engines=, dims=, filters=false, jvm=, "
                        + "model=, histories=, history=)");
            }
        }
        // A trained version: its own size and width; "items" only labels its rows.
        String label = null;
        if (!model.isEmpty()) {
            Manifest manifest = ModelVersion.load(Path.of(model)).manifest();
            sizes = new String[] {String.valueOf(manifest.itemCount())};
            dims = String.valueOf(manifest.dimensions());
            label = manifest.version();
        }
        Collection<RunResult> latency = new ArrayList<>();
        Collection<RunResult> throughput = new ArrayList<>();
        // The plain scan does not depend on the engine: measured once, beside the first engine.
        String[][] runs = {{"recommend", String.join(",", engines)}, {"bruteForceJava", engines[0]}};
        for (String[] run : runs) {
            latency.addAll(new Runner(base(RecommendBenchmark.class, run[0]).param("items", sizes).param("dims", dims)
                    .param("model", model).param("histories", historyFile).param("history", historyLength)
                    .param("engine", run[1].split(",")).mode(Mode.SampleTime).threads(1).build()).run());
            throughput.addAll(new Runner(base(RecommendBenchmark.class, run[0]).param("items", sizes).param("dims", dims)
                    .param("model", model).param("histories", historyFile).param("history", historyLength)
                    .param("engine", run[1].split(",")).mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS)
                    .threads(2).build()).run());
        }

        System.out.println();
        System.out.println("recommend in-process, " + (label == null ? "seeded tables" : "model " + label) + ", " + dims
                + " dims, history of " + historyLength + (historyFile.isEmpty() ? " seeded items" : " items of " + historyFile)
                + ", k=10; engine java-N = blocked Java scan on N"
                + " threads, onnx-N = ONNX Runtime with N intra-op threads and the Java coarse pass chosen at load,"
                + " onnx-N/<kernel> with it pinned (java, onnx, fastscan); bruteForceJava = ReferenceScorer");
        System.out.println("certified: share of answers certified exact without a fallback scan, and what answered them;"
                + " load: the fork's model load, warm-up and choice included");
        System.out.printf("%-9s %-24s %9s %9s %13s  %-28s %-9s %s%n", "items", "method", "p50 ms", "p99 ms", "rps (2 thr)",
                "RSS", "load", "certified");
        for (String size : sizes) {
            for (String[] run : runs) {
                for (String engine : run[1].split(",")) {
                    RunResult l = findRun(latency, run[0], size, engine);
                    RunResult t = findRun(throughput, run[0], size, engine);
                    System.out.printf("%-9s %-24s %9.3f %9.3f %13.0f  %-28s %-9s %s%n", size,
                            run[0].equals("recommend") ? "recommend " + engine : run[0],
                            l.getPrimaryResult().getStatistics().getPercentile(50),
                            l.getPrimaryResult().getStatistics().getPercentile(99),
                            t.getPrimaryResult().getScore(), read("rss-" + size + "-" + engine),
                            read("load-" + size + "-" + engine),
                            run[0].equals("recommend") ? read("certified-" + size + "-" + engine) : "");
                }
            }
        }
        limitTable(sizes, dims, engines[0], latency, throughput);
        if (filters) {
            Collection<RunResult> filtered = new Runner(base(FilterBenchmark.class)
                    .mode(Mode.SampleTime).threads(1).build()).run();
            System.out.println();
            System.out.println("filtered requests at 100k items: Java scan of accepted items vs ONNX over-fetch (p50 ms)");
            System.out.printf("%-10s %-12s %10s %10s%n", "maxPrice", "kept", "javaScan", "overFetch");
            for (String p : new String[] {"2", "10", "25", "50", "90"}) {
                System.out.printf("%-10s %-12s %10.3f %10.3f%n", p, read("selectivity-" + p),
                        find(filtered, "javaScan", "maxPrice", p).getPrimaryResult().getStatistics().getPercentile(50),
                        find(filtered, "overFetch", "maxPrice", p).getPrimaryResult().getStatistics().getPercentile(50));
            }
        }
    }

    /**
     * The side-by-side table: {@code recommend} (first engine) beside the plain Java scan and the C
     * limit scan (int8 and float32, same sizes and width), run now so that all columns share the machine's load.
     */
    private static void limitTable(String[] sizes, String dims, String engine, Collection<RunResult> latency,
                                   Collection<RunResult> throughput) throws Exception {
        Path binary = Path.of(System.getProperty("bench.limitScan", "target/limit_scan"));
        System.out.println();
        if (!Files.isExecutable(binary)) {
            System.out.println("C limit scan: not run (" + binary + " was not built: no C compiler `cc`)");
            return;
        }
        System.out.println("p50 ms per query, one thread (recommend " + engine + "; C limit scan " + binary.getFileName()
                + ": -O3 -march=native, int8 and float32 tables, top 10; C int8 VNNI = vpdpbusd, 'none' without"
                + " AVX-512 VNNI; C read = reading the int8 table's bytes once, at GB/s); rps = recommend on 2 threads");
        System.out.printf("%-9s %13s %9s %16s %12s %12s %12s %18s %9s%n", "items", "recommend p50", "p99",
                "plain Java scan", "C int8 scan", "C int8 VNNI", "C fp32 scan", "C read (GB/s)", "rps");
        for (String size : sizes) {
            Map<String, String> c = limitScan(binary, size, dims);
            RunResult r = findRun(latency, "recommend", size, engine);
            System.out.printf("%-9s %13.3f %9.3f %16.3f %12s %12s %12s %18s %9.0f%n", size,
                    r.getPrimaryResult().getStatistics().getPercentile(50),
                    r.getPrimaryResult().getStatistics().getPercentile(99),
                    findRun(latency, "bruteForceJava", size, engine).getPrimaryResult().getStatistics().getPercentile(50),
                    c.getOrDefault("int8_p50_ms", "?"), c.getOrDefault("vnni_p50_ms", "?"), c.getOrDefault("fp32_p50_ms", "?"),
                    c.getOrDefault("read_p50_ms", "?") + " (" + c.getOrDefault("read_gb_s", "?") + ")",
                    findRun(throughput, "recommend", size, engine).getPrimaryResult().getScore());
        }
    }

    /** Runs the C scan for one size; its one output line is {@code key=value} pairs. */
    private static Map<String, String> limitScan(Path binary, String items, String dims) throws Exception {
        Process p = new ProcessBuilder(binary.toString(), items, dims).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            System.out.println("C limit scan failed at " + items + " items: " + out);
            return Map.of();
        }
        Map<String, String> values = new HashMap<>();
        for (String pair : out.split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return values;
    }

    private static ChainedOptionsBuilder base(Class<?> benchmark) {
        return base(benchmark, "");
    }

    /** Every fork has the Vector API module, as a deployment should (it enables the Java coarse pass). */
    private static ChainedOptionsBuilder base(Class<?> benchmark, String method) {
        return new OptionsBuilder()
                .include(benchmark.getName() + "\\." + (method.isEmpty() ? "" : method + "$"))
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.MILLISECONDS)
                .jvmArgs("-Xmx3g", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true", "-Dbench.dir=" + BenchModels.ROOT.toAbsolutePath())
                .jvmArgsAppend(extraJvmArgs);
    }

    private static RunResult findRun(Collection<RunResult> results, String method, String items, String engine) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method)
                        && items.equals(r.getParams().getParam("items")) && engine.equals(r.getParams().getParam("engine")))
                .findFirst().orElseThrow(() -> new IllegalStateException("no result for " + method + " " + items + " " + engine));
    }

    private static RunResult find(Collection<RunResult> results, String method, String param, String value) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method) && value.equals(r.getParams().getParam(param)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no result for " + method + " " + param + "=" + value
                        + " among " + Arrays.toString(results.stream().map(r -> r.getParams().getBenchmark()).toArray())));
    }

    private static String read(String name) {
        try {
            return Files.readString(BenchModels.ROOT.resolve("results").resolve(BenchModels.fileName(name))).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
