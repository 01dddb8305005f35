package dev.assocrec.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.functions.api.HistoryItem;
import dev.assocrec.functions.api.RecommendResponse;
import dev.assocrec.functions.testing.Api;
import dev.assocrec.functions.testing.Oracle;
import dev.assocrec.functions.testing.TestFiles;
import dev.assocrec.functions.testing.TestModels;
import dev.assocrec.packaging.lambda.ColdInvoke;
import dev.assocrec.packaging.lambda.LambdaPackage;
import dev.assocrec.store.LocalModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package} (failsafe): the deployment package itself, unpacked as Lambda unpacks it,
 * serves. A fresh JVM loads {@code RecommendHandler} through a class loader over the package root and
 * {@code lib/*.jar} (what Lambda's Java runtime does, {@link ColdInvoke}), boots Quarkus from the merged
 * library jar, loads a published model from a local store and answers one API Gateway v2 {@code POST
 * /recommend} event; the answer equals the brute-force oracle's.
 */
class PackagedFunctionIT {
    private static final Path ZIP = Path.of(System.getProperty("function.zip", "target/function.zip"));
    private static final Path WORK = ZIP.toAbsolutePath().getParent().resolve("packaged-function");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theUnpackedPackageBootsAndAnswersLikeTheOracle() throws Exception {
        TestFiles.deleteTree(WORK);
        Path task = LambdaPackage.unpack(ZIP, WORK.resolve("task"));
        try (Stream<Path> libs = Files.list(task.resolve("lib"))) {
            assertEquals(List.of("function-libraries.jar"), libs.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the build merges lib/*.jar into one jar (functions/packaging)");
        }
        Path store = WORK.resolve("store");
        TestModels.publish(new LocalModelStore(store), "packaged-v1", 21);
        Oracle oracle = new Oracle(TestModels.Tables.read(TestModels.versionDir(store, "packaged-v1")));
        List<HistoryItem> history = new ArrayList<>();
        for (int i : new int[] {4, 40, 400}) {
            history.add(new HistoryItem(oracle.tables().catalog().get(i).itemId(), null, null, null));
        }

        String transcript = coldStart(task, store, recommendEvent(history, 5));
        JsonNode answer = answer(transcript);

        assertEquals(200, answer.get("statusCode").asInt(), answer.toString());
        RecommendResponse response = Api.read(answer.get("body").asText(), RecommendResponse.class);
        assertEquals("packaged-v1", response.modelVersion());
        var pooled = oracle.pool(history, PoolingConfig.defaultWeighted());
        oracle.assertSame(oracle.topK(pooled, 5, true, i -> true), response, "answer of the packaged function");
        var natives = UnpackedNatives.folder(task, System.getProperty("os.name"), System.getProperty("os.arch"));
        assertTrue(natives.map(UnpackedNatives::complete).orElse(false) || !System.getProperty("os.name").toLowerCase().contains("linux"),
                "the package ships ONNX Runtime's natives for this Linux platform unpacked");
        natives.ifPresent(folder -> assertTrue(transcript.contains("Loaded library " + folder.resolve("libonnxruntime.so")),
                "ONNX Runtime loaded its natives from the package, not from a copy in /tmp"));
    }

    /** The cold start's transcript: stdout and stderr, with the JVM's native-library log. */
    private static String coldStart(Path task, Path store, Path event) throws Exception {
        Path ownJar = ColdInvoke.writeOwnJar(WORK.resolve("cold-invoke.jar"));
        Path log = WORK.resolve("cold-start.log");
        ProcessBuilder pb = new ProcessBuilder(LambdaPackage.coldStartCommand(
                List.of("-Dai.djl.offline=true", "-Xlog:library=info:stdout"), ownJar, event,
                RecommendHandler.class.getName(), task))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("ASSOCREC_MODEL_LOCATION", store.toString());
        Process process = pb.start();
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String transcript = Files.readString(log);
        assertTrue(exited && process.exitValue() == 0, "cold start failed (exit " + (exited ? process.exitValue() : "none")
                + "), transcript " + log + ":\n" + transcript);
        return transcript;
    }

    private static JsonNode answer(String transcript) throws IOException {
        String answer = transcript.lines().filter(l -> l.startsWith("ANSWER ")).findFirst()
                .orElseThrow(() -> new AssertionError("no ANSWER line in the cold start's transcript:\n" + transcript));
        return JSON.readTree(answer.substring("ANSWER ".length()));
    }

    private static Path recommendEvent(List<HistoryItem> history, int k) throws IOException {
        Path file = WORK.resolve("recommend-event.json");
        Files.writeString(file, LambdaPackage.postEvent("/recommend", Api.json(Map.of("history", history, "k", k))));
        return file;
    }
}
