package dev.assocrec.packaging.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (version 2018-06-01) on 127.0.0.1, as the Lambda service offers it to a runtime
 * inside a sandbox: the runtime polls {@code GET /runtime/invocation/next} (held open until {@link #invoke}
 * queues an event) and posts the handler's answer to {@code /runtime/invocation/<id>/response} or its failure
 * to {@code /runtime/invocation/<id>/error}; a runtime that cannot initialise posts {@code /runtime/init/error}.
 * Point {@code AWS_LAMBDA_RUNTIME_API} at {@link #address()}.
 */
public final class LocalRuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern RESULT = Pattern.compile(PREFIX + "invocation/([^/]+)/(response|error)");
    private static final long DEADLINE_MS = 60_000;

    /** What the runtime posted for one invocation: the response payload, or an error with its type. */
    public record Outcome(String requestId, String errorType, String body) {
        public boolean failed() {
            return errorType != null;
        }
    }

    private record Invocation(String requestId, byte[] event) {}

    private final HttpServer server;
    private final ExecutorService exchanges;
    private final String functionArn;
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstPoll = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();

    private LocalRuntimeApi(HttpServer server, ExecutorService exchanges, String functionArn) {
        this.server = server;
        this.exchanges = exchanges;
        this.functionArn = functionArn;
    }

    /** Listens on a free port of 127.0.0.1, handing out invocations of the function {@code functionArn}. */
    public static LocalRuntimeApi start(String functionArn) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A thread per exchange: a poll for the next invocation blocks its thread until an event is queued.
        ExecutorService exchanges = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-runtime-api");
            t.setDaemon(true);
            return t;
        });
        LocalRuntimeApi api = new LocalRuntimeApi(server, exchanges, functionArn);
        server.createContext(PREFIX, api::handle);
        server.setExecutor(exchanges);
        server.start();
        return api;
    }

    /** host:port, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        InetSocketAddress a = server.getAddress();
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** Completes when the runtime first asks for an invocation, i.e. when its Init phase is over. */
    public CompletableFuture<Void> firstPoll() {
        return firstPoll;
    }

    /** Completes with the body of {@code /runtime/init/error} if the runtime reports one. */
    public CompletableFuture<String> initError() {
        return initError;
    }

    /** Queues an event for the runtime's next poll; completes when the runtime posts its outcome. */
    public CompletableFuture<Outcome> invoke(String event) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event.getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        outcomes.put(invocation.requestId(), outcome);
        queued.add(invocation);
        return outcome;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher result = RESULT.matcher(path);
            if (method.equals("GET") && path.equals(PREFIX + "invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && result.matches()) {
                posted(exchange, result.group(1), result.group(2).equals("error"));
            } else if (method.equals("POST") && path.equals(PREFIX + "init/error")) {
                initError.complete(body(exchange));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, "{\"errorType\":\"NotFound\",\"errorMessage\":\"no such endpoint: " + method + " " + path + "\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(null);
        Invocation invocation;
        try {
            invocation = queued.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // closing: the connection drops, as when a sandbox is shut down
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + DEADLINE_MS));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                + "-" + invocation.requestId().replace("-", "").substring(0, 24) + ";Parent=0000000000000001;Sampled=0");
        exchange.sendResponseHeaders(200, invocation.event().length);
        exchange.getResponseBody().write(invocation.event());
    }

    private void posted(HttpExchange exchange, String requestId, boolean error) throws IOException {
        String body = body(exchange);
        CompletableFuture<Outcome> outcome = outcomes.remove(requestId);
        if (outcome == null) {
            // What the service answers for an id it never handed out, or one already answered.
            send(exchange, 400, "{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"unknown request id " + requestId + "\"}");
            return;
        }
        String errorType = error ? exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type") : null;
        outcome.complete(new Outcome(requestId, error && errorType == null ? "" : errorType, body));
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Stops listening and releases a poll still waiting for an event. */
    @Override
    public void close() {
        server.stop(0);
        exchanges.shutdownNow();
    }
}
