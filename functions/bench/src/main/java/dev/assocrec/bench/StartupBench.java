package dev.assocrec.bench;

import dev.assocrec.contract.ModelVersion;
import dev.assocrec.packaging.lambda.ColdInvoke;
import dev.assocrec.packaging.lambda.CustomRuntimePackage;
import dev.assocrec.packaging.lambda.LocalRuntimeApi;
import dev.assocrec.packaging.lambda.LambdaPackage;
import dev.assocrec.store.LocalModelStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Time from process start to the first answered request in JVM mode: a fresh JVM on the packaged
 * function (function.zip, unpacked as Lambda does) runs {@link ColdInvoke}, which does what
 * Lambda's Java runtime does with the configured handler, on one API Gateway v2 {@code POST /recommend}
 * event, against a local store holding a 100k-item model. Five cold starts; prints each and the median.
 *
 * <p>Arguments: the function module's target directory, then optionally {@code items=N}, {@code runs=N}
 * {@code engine=java|onnx} (assocrec.scoring.engine), {@code handler=<class>} (the Lambda handler; default
 * the function's {@code RecommendHandler}), {@code jvm=<option>[,<option>…]} (JVM options of the
 * function, as a deployment sets them in JAVA_TOOL_OPTIONS, e.g. {@code jvm=-XX:TieredStopAtLevel=1}) and
 * {@code cds=true}: first one cold start that
 * dumps the classes it loaded into an AppCDS archive
 * ({@code -XX:ArchiveClassesAtExit}, JDK 13+), then the timed starts map that archive
 * ({@code -XX:SharedArchiveFile}), as a Lambda would with the archive shipped in function.zip and
 * {@code JAVA_TOOL_OPTIONS} naming it. {@code classlist=<file>} instead records, from one cold start with
 * the preload switched off, the jar classes the first request loads, in load order, into the file:
 * the function's {@code META-INF/assocrec/first-request-classes.txt} (FirstRequestClasses), and the library-jar
 * classes the boot loads into {@code boot-classes.txt} beside it.
 * {@code baseline=<function.zip>} times a second package in the same run, its starts alternating with
 * the built one's (baseline, built, baseline, …), and prints both medians: on a shared machine whose
 * speed drifts, only starts measured side by side compare. {@code baseline=self} alternates with the built
 * package itself; with {@code cds=true} the baseline starts run without the archive, so
 * {@code cds=true baseline=self} measures what AppCDS gives. {@code baselinejvm=<option>[,<option>…]} gives the
 * baseline starts other JVM options than {@code jvm=}, e.g. {@code baseline=self} with and without a flag.
 *
 * <p>A package with a {@code bootstrap} (the custom runtime, functions/packaging {@code CustomRuntimePackage}) is
 * started through it, as Lambda's {@code provided.al2023} runtime starts it, against a local Runtime API, and timed
 * to the response the runtime posts; a package without one through {@link ColdInvoke}, as the managed Java runtime
 * starts it. So {@code baseline=<an earlier function.zip>} compares the two deployments in one run.
 *
 * <p>Each start prints where its time went: JVM start to {@code main}, the Init phase (Quarkus boot with
 * the model load overlapping it), the first request, and the model load's own steps from its log line.
 */
public final class StartupBench {
    private StartupBench() {}

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        int items = 100_000;
        int runs = 5;
        boolean cds = false;
        String engine = "onnx";
        List<String> jvmOptions = new ArrayList<>();
        List<String> baselineJvmOptions = null;
        String handler = "dev.assocrec.functions.RecommendHandler";
        Path classList = null;
        Path baseline = null;
        for (String a : args) {
            if (a.startsWith("baseline=")) {
                baseline = Path.of(a.substring("baseline=".length()));
            }
            if (a.startsWith("classlist=")) {
                classList = Path.of(a.substring("classlist=".length()));
            } else if (a.equals("cds=true")) {
                cds = true;
            } else if (a.startsWith("handler=")) {
                handler = a.substring("handler=".length());
            } else if (a.startsWith("baselinejvm=")) {
                baselineJvmOptions = new ArrayList<>(List.of(a.substring("baselinejvm=".length()).split(",")));
            } else if (a.startsWith("jvm=")) {
                jvmOptions.addAll(List.of(a.substring(4).split(",")));
            } else if (a.startsWith("engine=")) {
                engine = a.substring(7);
            }
            if (a.startsWith("items=")) {
                items = Integer.parseInt(a.substring(6));
            } else if (a.startsWith("runs=")) {
                runs = Integer.parseInt(a.substring(5));
            }
        }
        Path task = LambdaPackage.unpack(target.resolve("function.zip"), BenchModels.ROOT.resolve("task").toAbsolutePath());
        Path store = BenchModels.ROOT.resolve("store-" + items).toAbsolutePath();
        if (!Files.isDirectory(store)) {
            ModelVersion version = BenchModels.version(items);
            try (LocalModelStore s = new LocalModelStore(store)) {
                s.publish(version.dir());
            }
        }
        Path event = BenchModels.ROOT.resolve("recommend-event.json");
        Files.writeString(event, LambdaPackage.postEvent("/recommend",
                "{\"history\":[{\"item\":\"sku-1\",\"event\":\"purchase\"},{\"item\":\"sku-2\"}],\"k\":10}"));
        if (classList != null) {
            recordFirstRequestClasses(task, store, event, engine, handler, jvmOptions, classList);
            return;
        }
        List<String> timedOptions = new ArrayList<>(jvmOptions);
        if (cds) {
            Path archive = BenchModels.ROOT.resolve("function-cds.jsa").toAbsolutePath();
            Files.deleteIfExists(archive);
            List<String> dump = new ArrayList<>(jvmOptions);
            dump.add("-XX:ArchiveClassesAtExit=" + archive);
            long ms = coldStart(task, store, event, engine, handler, dump);
            System.out.printf("archive-dumping start: %d ms; archive %s (%d MB)%n", ms, archive, Files.size(archive) >> 20);
            timedOptions.add("-XX:SharedArchiveFile=" + archive);
        }
        Path baselineTask = baseline == null ? null : baseline.toString().equals("self") ? task
                : LambdaPackage.unpack(baseline.toAbsolutePath(), BenchModels.ROOT.resolve("task-baseline").toAbsolutePath());
        List<Long> millis = new ArrayList<>();
        List<Long> baselineMillis = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            if (baselineTask != null) {
                long ms = coldStart(baselineTask, store, event, engine, handler,
                        baselineJvmOptions != null ? baselineJvmOptions : jvmOptions);
                baselineMillis.add(ms);
                System.out.printf("baseline cold start %d: %d ms from process start to the first answer%n", run + 1, ms);
            }
            long ms = coldStart(task, store, event, engine, handler, timedOptions);
            millis.add(ms);
            System.out.printf("cold start %d: %d ms from process start to the first answer%n", run + 1, ms);
        }
        String setting = String.format("%d items x %d dims, engine %s, JVM mode%s%s", items, BenchModels.DIMS, engine,
                cds ? " with AppCDS" : "", jvmOptions.isEmpty() ? "" : ", JVM options " + jvmOptions);
        if (baselineTask != null) {
            System.out.printf("baseline %s%s%s: median %d ms of %s%n", baseline, cds ? " without AppCDS" : "",
                    baselineJvmOptions != null ? ", JVM options " + baselineJvmOptions : "",
                    median(baselineMillis), sorted(baselineMillis));
        }
        System.out.printf("start-up to first answer, %s: median %d ms of %s%n", setting, median(millis), sorted(millis));
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }

    private static long median(List<Long> values) {
        return sorted(values).get(values.size() / 2);
    }

    private static long coldStart(Path task, Path store, Path event, String engine, String handler,
                                  List<String> jvmOptions) throws Exception {
        if (Files.isRegularFile(task.resolve(CustomRuntimePackage.BOOTSTRAP))) {
            return bootstrapStart(task, store, event, engine, jvmOptions);
        }
        return coldStart(task, store, event, engine, handler, jvmOptions, line -> { });
    }

    /**
     * A cold start of a custom-runtime package as Lambda's {@code provided.al2023} starts it: its {@code bootstrap}
     * (the JVM it ships, the AppCDS archive), JVM options in {@code JAVA_TOOL_OPTIONS}, against a local Runtime API
     * that hands it the event; timed from process start to the response posted to the Runtime API.
     */
    private static long bootstrapStart(Path task, Path store, Path event, String engine, List<String> jvmOptions)
            throws Exception {
        Path log = BenchModels.ROOT.resolve("startup.log").toAbsolutePath();
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Dassocrec.runtime.marks=true");
        try (LocalRuntimeApi api = LocalRuntimeApi.start("arn:aws:lambda:us-east-1:000000000000:function:bench")) {
            var outcome = api.invoke(Files.readString(event));
            long start = System.nanoTime();
            long startMillis = System.currentTimeMillis();
            Process process = CustomRuntimePackage.startBootstrap(task, api.address(), Map.of(
                    "ASSOCREC_MODEL_LOCATION", store.toString(), "ASSOCREC_SCORING_ENGINE", engine,
                    "JAVA_TOOL_OPTIONS", String.join(" ", options)), log);
            long ms;
            try {
                java.util.concurrent.CompletableFuture.anyOf(outcome, process.onExit()).get(5, TimeUnit.MINUTES);
                if (!outcome.isDone()) {
                    throw new IllegalStateException("the bootstrap exited without answering; see " + log);
                }
                ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            } finally {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            var answer = outcome.join();
            if (answer.failed() || !answer.body().contains("\"statusCode\":200") || !answer.body().contains("modelVersion")) {
                throw new IllegalStateException("the first answer was not a recommendation: " + answer.body());
            }
            Map<String, Long> marks = new HashMap<>();
            for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("MARK ")) {
                    String[] f = line.split(" ");
                    marks.put(f[1], Long.parseLong(f[2]) - startMillis);
                } else if (line.contains("serving model version")) {
                    System.out.println("  model " + line.replaceAll("^.*loaded in ", "loaded in "));
                }
            }
            System.out.printf("  bootstrap to main %d ms; Init (Quarkus boot, model load beside it) %d ms; first request %d ms%n",
                    marks.getOrDefault("main", -1L), marks.getOrDefault("init", -1L) - marks.getOrDefault("main", -1L),
                    ms - marks.getOrDefault("init", -1L));
            return ms;
        }
    }

    /**
     * The class-loading log of one cold start, cut in two: classes the first request loaded (between the end of
     * Init and the answer: from jars and the package root, not the JDK's, which its CDS archive serves; not
     * generated hidden classes) into {@code out}, and classes the boot loaded from the package's library jar
     * (before the end of Init), less those, into {@code boot-classes.txt} beside it.
     */
    private static void recordFirstRequestClasses(Path task, Path store, Path event, String engine, String handler,
                                                  List<String> jvmOptions, Path out) throws Exception {
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Xlog:class+load=info:stdout");
        options.add("-Dassocrec.preload-classes=false");
        List<String> classes = new ArrayList<>();
        List<String> bootClasses = new ArrayList<>();
        boolean[] inRequest = {false};
        coldStart(task, store, event, engine, handler, options, line -> {
            if (line.startsWith("MARK ")) {
                inRequest[0] = line.startsWith("MARK init ");
            } else if (line.contains("[class,load]") && line.contains(" source: file:")) {
                String name = line.substring(line.indexOf("[class,load]") + "[class,load]".length()).trim().split(" ")[0];
                if (!name.contains("$$Lambda") && !name.contains("/0x") && !name.startsWith(ColdInvoke.class.getPackageName() + ".")) {
                    if (inRequest[0]) {
                        classes.add(name);
                    } else if (line.contains("/lib/") && line.contains(".jar")) {
                        bootClasses.add(name);
                    }
                }
            }
        });
        bootClasses.removeAll(new java.util.HashSet<>(classes));
        List<String> lines = new ArrayList<>();
        lines.add("# Classes the first POST /recommend of a cold start loads from jars, in load order; loaded (not");
        lines.add("# initialised) during the boot by FirstRequestClasses. Recorded by StartupBench classlist=<this file>");
        lines.add("# (functions/recommend/README.md, \"Cold start\"); re-record after dependency upgrades.");
        lines.addAll(classes);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, lines);
        System.out.printf("%d classes loaded by the first request written to %s%n", classes.size(), out);
        List<String> boot = new ArrayList<>();
        boot.add("# Classes a cold start's boot (the Lambda handler's constructor: Quarkus's static and run-time init, the model");
        boot.add("# load beside it) loads from the library jar, in load order, less those of first-request-classes.txt; loaded (not");
        boot.add("# initialised) on a spare core by FirstRequestClasses while the main thread boots. Recorded with");
        boot.add("# first-request-classes.txt by StartupBench classlist=<that file> (functions/recommend/README.md, \"Cold start\").");
        boot.addAll(bootClasses);
        Path bootOut = out.toAbsolutePath().resolveSibling("boot-classes.txt");
        Files.write(bootOut, boot);
        System.out.printf("%d classes loaded by the boot written to %s%n", bootClasses.size(), bootOut);
    }

    private static long coldStart(Path task, Path store, Path event, String engine, String handler,
                                  List<String> jvmOptions, java.util.function.Consumer<String> transcript) throws Exception {
        List<String> command = LambdaPackage.coldStartCommand(jvmOptions, coldInvokeJar(), event, handler, task);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectError(BenchModels.ROOT.resolve("startup.log").toFile());
        pb.environment().put("ASSOCREC_MODEL_LOCATION", store.toString());
        pb.environment().put("ASSOCREC_SCORING_ENGINE", engine);
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        Process process = pb.start();
        Map<String, Long> marks = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                transcript.accept(line);
                if (line.contains("serving model version")) {
                    System.out.println("  model " + line.replaceAll("^.*loaded in ", "loaded in "));
                }
                if (line.startsWith("MARK ")) {
                    String[] f = line.split(" ");
                    marks.put(f[1], Long.parseLong(f[2]) - startMillis);
                }
                if (line.startsWith("ANSWER ")) {
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    System.out.printf("  JVM start to main %d ms; Init (Quarkus boot, model load beside it) %d ms; first request %d ms%n",
                            marks.getOrDefault("main", -1L), marks.getOrDefault("init", -1L) - marks.getOrDefault("main", -1L),
                            marks.getOrDefault("answer", -1L) - marks.getOrDefault("init", -1L));
                    if (!line.contains("\"statusCode\":200") || !line.contains("modelVersion")) {
                        throw new IllegalStateException("the first answer was not a recommendation: " + line);
                    }
                    // Read on until the JVM exits: an AppCDS dump at exit writes here and must not hit a closed pipe.
                    while (out.readLine() != null) {
                        // discard
                    }
                    return ms;
                }
            }
            throw new IllegalStateException("the function exited without answering; see " + BenchModels.ROOT.resolve("startup.log"));
        } finally {
            // ColdInvoke exits by itself after answering; waiting lets an AppCDS dump finish.
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Path coldInvokeJar; // written once per run

    /**
     * ColdInvoke (from the function's test jar) in a jar of its own, written once: AppCDS checks every class
     * path entry's size and time against the archive, and silently ignores an archive whose entries changed.
     */
    private static synchronized Path coldInvokeJar() throws Exception {
        if (coldInvokeJar == null) {
            coldInvokeJar = ColdInvoke.writeOwnJar(BenchModels.ROOT.resolve("cold-invoke.jar").toAbsolutePath());
        }
        return coldInvokeJar;
    }
}
