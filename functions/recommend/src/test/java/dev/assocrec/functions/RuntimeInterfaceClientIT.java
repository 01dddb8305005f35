package dev.assocrec.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.functions.api.ErrorResponse;
import dev.assocrec.functions.api.HistoryItem;
import dev.assocrec.functions.api.ModelInfo;
import dev.assocrec.functions.api.RecommendResponse;
import dev.assocrec.functions.api.RelatedRequest;
import dev.assocrec.functions.testing.Api;
import dev.assocrec.packaging.lambda.LocalRuntimeApi.Outcome;
import dev.assocrec.packaging.lambda.LocalRuntimeApi;
import dev.assocrec.functions.testing.LogTailOnFailure;
import dev.assocrec.functions.testing.Oracle;
import dev.assocrec.functions.testing.RuntimeInterfaceClientProcess;
import dev.assocrec.functions.testing.TestFiles;
import dev.assocrec.functions.testing.TestModels;
import dev.assocrec.packaging.lambda.LambdaPackage;
import dev.assocrec.store.LocalModelStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs after {@code package} (failsafe): {@code function.zip}, unpacked, runs under AWS's own Java runtime
 * interface client (the client Lambda's managed Java runtime and its container images run) in a JVM of its
 * own, with the handler Terraform configures, against a local Runtime API ({@link LocalRuntimeApi}). Every
 * route answers as the functions do in-process (scored answers equal the brute-force oracle's), and an event
 * the handler cannot take is reported through the Runtime API's error endpoint while the process keeps serving.
 */
class RuntimeInterfaceClientIT {
    private static final Path ZIP = Path.of(System.getProperty("function.zip", "target/function.zip"));
    private static final Path RUNTIME_LIB = Path.of(System.getProperty("lambda.runtime.lib", "target/lambda-runtime/lib"));
    private static final Path WORK = ZIP.toAbsolutePath().getParent().resolve("runtime-interface-client");
    /** The handler of the recommend function in infra/main.tf. */
    private static final String HANDLER = RecommendHandler.class.getName() + "::handleRequest";
    private static final String VERSION = "ric-v1";
    private static final Duration INIT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalRuntimeApi api;
    private static RuntimeInterfaceClientProcess function;
    private static Path store;
    private static Oracle oracle;

    @RegisterExtension
    static final LogTailOnFailure LOG_TAIL = new LogTailOnFailure(
            () -> function == null ? "(the function was not started)" : function.log() + ":\n" + function.logTail(60));

    @BeforeAll
    static void startTheFunction() throws Exception {
        TestFiles.deleteTree(WORK);
        Path task = LambdaPackage.unpack(ZIP, WORK.resolve("task"));
        store = WORK.resolve("store");
        try (LocalModelStore local = new LocalModelStore(store)) {
            TestModels.publish(local, VERSION, 31, true); // planted tables: category clusters, popularity prior
        }
        oracle = new Oracle(TestModels.Tables.read(TestModels.versionDir(store, VERSION)));
        api = LocalRuntimeApi.start(RuntimeInterfaceClientProcess.functionArn());
        long started = System.nanoTime();
        // The variables infra/main.tf gives the recommend function, pointed at the local store.
        function = RuntimeInterfaceClientProcess.start(RUNTIME_LIB, task, HANDLER, api.address(), Map.of(
                "ASSOCREC_MODEL_LOCATION", store.toString(),
                "ASSOCREC_MODEL_CHECK_INTERVAL", "60s",
                "DJL_CACHE_DIR", WORK.resolve("djl").toString()), WORK.resolve("function.log"));
        await(api.firstPoll(), "the runtime's first poll for an invocation (the end of Init)", INIT_TIMEOUT);
        System.out.printf("runtime interface client: Init over %d ms after the JVM started%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @AfterAll
    static void stopTheFunction() throws InterruptedException {
        try {
            if (function != null) {
                function.close();
            }
        } finally {
            if (api != null) {
                api.close();
            }
        }
    }

    @Test
    void recommendAnswersAsTheOracle() throws IOException {
        List<HistoryItem> history = List.of(
                new HistoryItem(itemId(4), "purchase", "2026-11-20T10:00:00Z", null),
                new HistoryItem(itemId(40), "view", "2026-11-27T10:00:00Z", 2.0),
                new HistoryItem(itemId(400), "cart", null, null),
                new HistoryItem("not-in-the-model", null, null, null));

        HttpAnswer answer = call("POST", "/recommend", Api.json(Map.of("history", history, "k", 7)));

        assertEquals(200, answer.status(), answer.body());
        assertEquals("application/json", answer.contentType());
        RecommendResponse response = Api.read(answer.body(), RecommendResponse.class);
        assertEquals(VERSION, response.modelVersion());
        assertEquals(List.of("not-in-the-model"), response.unknownItems());
        oracle.assertSame(oracle.topK(oracle.pool(history, PoolingConfig.defaultWeighted()), 7, true, i -> true),
                response, "POST /recommend under the runtime interface client");
    }

    @Test
    void relatedAnswersAsTheOracle() throws IOException {
        String item = itemId(17);

        HttpAnswer answer = call("POST", "/related", Api.json(new RelatedRequest(item, null, 6, null)));

        assertEquals(200, answer.status(), answer.body());
        RecommendResponse response = Api.read(answer.body(), RecommendResponse.class);
        assertEquals(VERSION, response.modelVersion());
        var single = oracle.pool(List.of(new HistoryItem(item, null, null, null)), PoolingConfig.mean());
        oracle.assertSame(oracle.topK(single, 6, true, i -> true), response, "POST /related under the runtime interface client");
    }

    @Test
    void modelAnswersGetAndPost() throws IOException {
        for (String method : List.of("GET", "POST")) {
            HttpAnswer answer = call(method, "/model", null);

            assertEquals(200, answer.status(), method + " /model: " + answer.body());
            ModelInfo info = Api.read(answer.body(), ModelInfo.class);
            assertEquals(VERSION, info.version(), method);
            assertEquals(TestModels.ITEMS, info.itemCount(), method);
            assertEquals(TestModels.DIMS, info.dimensions(), method);
            assertEquals(store.toString(), info.source(), method);
        }
    }

    @Test
    void invalidRequestsAre400WithTheDocumentedErrorBody() throws IOException {
        HttpAnswer outOfRange = call("POST", "/recommend", "{\"k\": 0}");
        assertEquals(400, outOfRange.status(), outOfRange.body());
        assertEquals("application/json", outOfRange.contentType());
        assertEquals(new ErrorResponse(400, "k must be between 1 and 100, was 0"), error(outOfRange));

        HttpAnswer malformed = call("POST", "/related", "{\"item\": ");
        assertEquals(400, malformed.status(), malformed.body());
        assertTrue(error(malformed).error().startsWith("malformed JSON at line 1"), malformed.body());
    }

    @Test
    void unknownRouteIs404AndAnUnservedMethod405() throws IOException {
        HttpAnswer unknown = call("POST", "/recommendations", "{}");
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals(new ErrorResponse(404, "no function at /recommendations; the functions are /recommend, /related and /model"),
                error(unknown));

        HttpAnswer put = call("PUT", "/related", "{}");
        assertEquals(405, put.status(), put.body());
        assertEquals(new ErrorResponse(405, "method PUT is not allowed on /related; use POST"), error(put));

        HttpAnswer get = call("GET", "/recommend", null);
        assertEquals(405, get.status(), get.body());
        assertEquals(new ErrorResponse(405, "method GET is not allowed on /recommend; use POST"), error(get));
    }

    @Test
    void handlerFailureComesBackThroughTheErrorEndpointAndTheProcessServesOn() throws IOException {
        for (String notAnApiGatewayEvent : List.of("[]", "\"x\"")) {
            Outcome outcome = await(api.invoke(notAnApiGatewayEvent), "the outcome of the event " + notAnApiGatewayEvent,
                    INVOKE_TIMEOUT);

            assertTrue(outcome.failed(), "the event " + notAnApiGatewayEvent + " was answered: " + outcome.body());
            // The runtime's classification (the function's code threw), then the exception itself.
            assertEquals("Runtime.UserException", outcome.errorType());
            JsonNode error = JSON.readTree(outcome.body());
            assertEquals(MismatchedInputException.class.getName(), error.path("errorType").asText(), outcome.body());
            assertTrue(error.path("errorMessage").asText().contains(APIGatewayV2HTTPEvent.class.getSimpleName()),
                    outcome.body());
            assertTrue(function.isAlive(), "the runtime exited after a failed invocation");
        }

        HttpAnswer next = call("GET", "/model", null);

        assertEquals(200, next.status(), "the invocation after the failures: " + next.body());
        assertEquals(VERSION, Api.read(next.body(), ModelInfo.class).version());
    }

    /** One API Gateway v2 event through the runtime; the handler must answer it with an API Gateway response. */
    private static HttpAnswer call(String method, String path, String jsonBody) throws IOException {
        Outcome outcome = await(api.invoke(LambdaPackage.event(method, path, jsonBody)), method + " " + path,
                INVOKE_TIMEOUT);
        assertFalse(outcome.failed(), method + " " + path + " failed in the handler: " + outcome.body());
        return HttpAnswer.of(JSON.readTree(outcome.body()));
    }

    /**
     * Waits for what the function should do next, and fails at once, saying why, if its JVM exits or the
     * runtime reports an Init error instead.
     */
    private static <T> T await(CompletableFuture<T> expected, String what, Duration timeout) {
        try {
            CompletableFuture.anyOf(expected, function.exit(), api.initError()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("waiting for " + what, e);
        }
        if (expected.isDone()) {
            return expected.join();
        }
        if (api.initError().isDone()) {
            throw new AssertionError("the runtime reported an Init error instead of " + what + ": " + api.initError().join());
        }
        throw new AssertionError("the function's JVM exited with code " + function.exit().join().exitValue()
                + " instead of " + what);
    }

    private static ErrorResponse error(HttpAnswer answer) {
        return Api.read(answer.body(), ErrorResponse.class);
    }

    private static String itemId(int index) {
        return oracle.tables().catalog().get(index).itemId();
    }

    /** The API Gateway v2 response the handler returned: status, content type and (decoded) body. */
    private record HttpAnswer(int status, String contentType, String body) {
        static HttpAnswer of(JsonNode response) {
            String body = response.path("body").asText();
            if (response.path("isBase64Encoded").asBoolean()) {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            }
            String contentType = null;
            for (var header : (Iterable<Map.Entry<String, JsonNode>>) response.path("headers")::fields) {
                if (header.getKey().equalsIgnoreCase("content-type")) {
                    contentType = header.getValue().asText();
                }
            }
            return new HttpAnswer(response.path("statusCode").asInt(), contentType, body);
        }
    }
}
