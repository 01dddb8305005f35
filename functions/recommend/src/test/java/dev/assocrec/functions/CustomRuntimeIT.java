package dev.assocrec.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.functions.api.HistoryItem;
import dev.assocrec.functions.api.ModelInfo;
import dev.assocrec.functions.api.RecommendResponse;
import dev.assocrec.functions.testing.Api;
import dev.assocrec.functions.testing.LogTailOnFailure;
import dev.assocrec.functions.testing.Oracle;
import dev.assocrec.functions.testing.TestFiles;
import dev.assocrec.functions.testing.TestModels;
import dev.assocrec.packaging.lambda.CustomRuntimePackage;
import dev.assocrec.packaging.lambda.LambdaPackage;
import dev.assocrec.packaging.lambda.LocalRuntimeApi;
import dev.assocrec.store.LocalModelStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs after {@code package} (failsafe): {@code function.zip} as Lambda's custom runtime ({@code provided.al2023})
 * runs it. Unpacked elsewhere than the build recorded its archive, with every file dated now, its {@code bootstrap}
 * starts the JVM it ships in a process of its own against a local Runtime API ({@link LocalRuntimeApi}): requests
 * answer as the oracle, a failed invocation goes back through the error endpoint and the process serves on, and the
 * function's classes come from the AppCDS archive. Skipped, saying why, when the build could not link a runtime
 * (a JDK without jmods): the package is then a managed-runtime package only.
 */
class CustomRuntimeIT {
    private static final Path ZIP = Path.of(System.getProperty("function.zip", "target/function.zip"));
    private static final Path WORK = ZIP.toAbsolutePath().getParent().resolve("custom-runtime-it");
    private static final String VERSION = "custom-v1";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    /** Amazon Linux 2023's glibc, what provided.al2023 offers the shipped JVM and natives. */
    private static final int[] AL2023_GLIBC = {2, 34};
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalRuntimeApi api;
    private static Process function;
    private static Path task;
    private static Path store;
    private static Path log;
    private static Oracle oracle;

    @RegisterExtension
    static final LogTailOnFailure LOG_TAIL = new LogTailOnFailure(() -> log == null || !Files.exists(log)
            ? "(the function was not started)" : log + ":\n" + tail(log, 60));

    @BeforeAll
    static void startThroughTheBootstrap() throws Exception {
        TestFiles.deleteTree(WORK);
        task = LambdaPackage.unpack(ZIP, WORK.resolve("var-task"));
        Assumptions.assumeTrue(Files.isRegularFile(task.resolve(CustomRuntimePackage.BOOTSTRAP)),
                () -> "SKIPPED: " + ZIP + " has no bootstrap: the build could not link a runtime (see its custom-runtime line)");
        // Lambda's extraction decides the files' times; the archive must not depend on them.
        try (Stream<Path> files = Files.walk(task)) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis()));
            }
        }
        store = WORK.resolve("store");
        try (LocalModelStore local = new LocalModelStore(store)) {
            TestModels.publish(local, VERSION, 41, true);
        }
        oracle = new Oracle(TestModels.Tables.read(TestModels.versionDir(store, VERSION)));
        api = LocalRuntimeApi.start("arn:aws:lambda:eu-west-1:000000000000:function:assocrec-recommend");
        log = WORK.resolve("function.log");
        function = CustomRuntimePackage.startBootstrap(task, api.address(), Map.of(
                "ASSOCREC_MODEL_LOCATION", store.toString(),
                "DJL_CACHE_DIR", WORK.resolve("djl").toString(),
                "JAVA_TOOL_OPTIONS", "--add-modules=jdk.incubator.vector -XX:+TieredCompilation -XX:TieredStopAtLevel=1"
                        + " -Xlog:class+load=info:file=" + WORK.resolve("class-load.log")), log);
        await(api.firstPoll(), "the runtime's first poll (the end of Init)");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (function != null) {
            function.destroy();
            if (!function.waitFor(30, TimeUnit.SECONDS)) {
                function.destroyForcibly();
            }
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void recommendThroughTheBootstrapAnswersAsTheOracle() throws IOException {
        List<HistoryItem> history = List.of(
                new HistoryItem(itemId(3), "purchase", "2026-11-20T10:00:00Z", null),
                new HistoryItem(itemId(30), "view", "2026-11-27T10:00:00Z", 2.0),
                new HistoryItem(itemId(300), "cart", null, null));

        JsonNode answer = call(LambdaPackage.postEvent("/recommend", Api.json(Map.of("history", history, "k", 6))));

        assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
        RecommendResponse response = Api.read(answer.path("body").asText(), RecommendResponse.class);
        assertEquals(VERSION, response.modelVersion());
        oracle.assertSame(oracle.topK(oracle.pool(history, PoolingConfig.defaultWeighted()), 6, true, i -> true),
                response, "POST /recommend through the custom runtime");
        JsonNode model = call(LambdaPackage.event("GET", "/model", null));
        assertEquals(200, model.path("statusCode").asInt(), model.toString());
        assertEquals(TestModels.ITEMS, Api.read(model.path("body").asText(), ModelInfo.class).itemCount());
    }

    @Test
    void aFailedInvocationIsReportedAndTheProcessServesOn() throws IOException {
        LocalRuntimeApi.Outcome failed = await(api.invoke("[]"), "the outcome of a non-API-Gateway event");

        assertTrue(failed.failed(), "the event [] was answered: " + failed.body());
        assertTrue(JSON.readTree(failed.body()).path("errorType").asText().contains("MismatchedInput"), failed.body());
        assertTrue(function.isAlive(), "the runtime exited after a failed invocation");
        assertEquals(200, call(LambdaPackage.event("GET", "/model", null)).path("statusCode").asInt());
    }

    @Test
    void theFunctionsClassesComeFromTheArchiveRecordedAtBuildTime() throws IOException {
        call(LambdaPackage.event("GET", "/model", null));
        List<String> loads = Files.readAllLines(WORK.resolve("class-load.log"), StandardCharsets.ISO_8859_1);
        List<String> fromArchive = loads.stream().filter(l -> l.contains("source: shared objects file (top)")).toList();
        List<String> fromJars = loads.stream().filter(l -> l.contains("source: file:")).toList();

        assertTrue(loads.stream().anyMatch(l -> l.contains(" " + CustomRuntime.class.getName() + " source: shared objects file (top)")),
                "the main class was not mapped from function.jsa: the archive did not map");
        // The boot's classes come from the archive; the few read from the jars are those the recording never loaded.
        assertTrue(fromArchive.size() > 4 * fromJars.size(), fromArchive.size() + " classes from the archive, "
                + fromJars.size() + " from the jars, e.g. " + fromJars.stream().limit(5).toList());
    }

    @Test
    void onnxRuntimeMapsTheUnpackedNativesInPlace() throws IOException {
        Path maps = Path.of("/proc", String.valueOf(function.pid()), "maps");
        Assumptions.assumeTrue(Files.isReadable(maps), "SKIPPED: no /proc to read the function's mapped libraries from");
        // Unless told where they lie, ONNX Runtime would look for copies in its jar (the package has none) to write to the tmpdir.
        List<String> mapped = Files.readAllLines(maps).stream().filter(l -> l.contains("libonnxruntime"))
                .map(l -> l.substring(l.indexOf('/'))).distinct().toList();

        assertEquals(2, mapped.size(), "libonnxruntime.so and its JNI library: " + mapped);
        for (String library : mapped) {
            assertTrue(library.startsWith(task.resolve("native/onnxruntime/").toString()), library);
        }
    }

    @Test
    void theShippedNativeCodeNeedsNoNewerGlibcThanAmazonLinux2023() throws Exception {
        Assumptions.assumeTrue(onPath("objdump"), "SKIPPED: no objdump to read the ELF symbol versions");
        Pattern glibc = Pattern.compile("GLIBC_(\\d+)\\.(\\d+)");
        List<String> tooNew = new ArrayList<>();
        List<Path> elves;
        try (Stream<Path> files = Files.walk(task)) {
            elves = files.filter(Files::isRegularFile).filter(CustomRuntimeIT::isElf).toList();
        }
        assertFalse(elves.isEmpty(), "no native code found in " + task);
        for (Path elf : elves) {
            Process p = new ProcessBuilder("objdump", "-T", elf.toString()).redirectErrorStream(true).start();
            String symbols = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = glibc.matcher(symbols);
            while (m.find()) {
                int major = Integer.parseInt(m.group(1));
                int minor = Integer.parseInt(m.group(2));
                if (major > AL2023_GLIBC[0] || major == AL2023_GLIBC[0] && minor > AL2023_GLIBC[1]) {
                    tooNew.add(task.relativize(elf) + " needs " + m.group());
                }
            }
        }
        assertEquals(List.of(), tooNew.stream().distinct().sorted(Comparator.naturalOrder()).toList(),
                "provided.al2023 has glibc 2.34: link the runtime from a JDK built for an older glibc");
    }

    private static boolean isElf(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode call(String event) throws IOException {
        LocalRuntimeApi.Outcome outcome = await(api.invoke(event), "an answer");
        assertFalse(outcome.failed(), "the invocation failed: " + outcome.body());
        return JSON.readTree(outcome.body());
    }

    private static <T> T await(CompletableFuture<T> expected, String what) {
        try {
            CompletableFuture.anyOf(expected, function.onExit(), api.initError()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no " + what + " within " + TIMEOUT.toSeconds() + " s", e);
        }
        if (expected.isDone()) {
            return expected.join();
        }
        if (api.initError().isDone()) {
            throw new AssertionError("the runtime reported an Init error instead of " + what + ": " + api.initError().join());
        }
        throw new AssertionError("the function's JVM exited with code " + function.exitValue() + " instead of " + what);
    }

    private static String itemId(int index) {
        return oracle.tables().catalog().get(index).itemId();
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
