package dev.assocrec.retrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A small stand-in for the AWS APIs the trigger calls, on localhost: Batch (REST JSON),
 * Step Functions (JSON 1.0, "X-Amz-Target") and EventBridge Scheduler (REST JSON), each in its own
 * class, sharing one job list (the state machine's SubmitJob lands in Batch's list). Every call is
 * recorded. It stands in for AWS, not for the code under test. Tests drive it over HTTP
 * ({@code /_fake/...}) because the Quarkus application and the test may load this class in
 * different class loaders.
 */
public final class FakeAws implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<ObjectNode> calls = new ArrayList<>();
    private final Set<String> failing = new HashSet<>();
    private final FakeBatchApi batch = new FakeBatchApi();
    private final FakeStepFunctionsApi stepFunctions = new FakeStepFunctionsApi(batch);
    private final FakeSchedulerApi scheduler = new FakeSchedulerApi();

    public FakeAws() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** An AWS error answer: HTTP status, the error type the SDK maps to an exception, a message. */
    static final class AwsError extends Exception {
        final int status;
        final String type;

        AwsError(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = type;
        }
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        JsonNode body = request.length == 0 ? JSON.createObjectNode() : JSON.readTree(request);
        String path = exchange.getRequestURI().getPath();
        int status = 200;
        JsonNode response;
        try {
            if (path.startsWith("/_fake/")) {
                response = control(path.substring("/_fake/".length()), body);
            } else {
                String operation = operation(exchange, path);
                calls.add(JSON.createObjectNode().put("operation", operation).put("path", path).set("body", body));
                if (failing.contains(operation)) {
                    throw new AwsError(500, "InternalServerException", "stand-in AWS refuses " + operation);
                }
                response = call(operation, path, body);
            }
        } catch (AwsError e) {
            status = e.status;
            exchange.getResponseHeaders().add("x-amzn-ErrorType", e.type);
            response = JSON.createObjectNode().put("__type", e.type).put("message", e.getMessage());
        }
        byte[] bytes = JSON.writeValueAsBytes(response);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** "service:Operation", as IAM names it. */
    private static String operation(HttpExchange exchange, String path) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null && target.startsWith("AWSStepFunctions.")) {
            return "states:" + target.substring("AWSStepFunctions.".length());
        }
        if (path.equals("/v1/listjobs")) {
            return "batch:ListJobs";
        }
        if (path.equals("/v1/submitjob")) {
            return "batch:SubmitJob";
        }
        if (path.startsWith("/schedules/")) {
            return switch (exchange.getRequestMethod()) {
                case "POST" -> "scheduler:CreateSchedule";
                case "PUT" -> "scheduler:UpdateSchedule";
                default -> "scheduler:" + exchange.getRequestMethod();
            };
        }
        return "unknown:" + exchange.getRequestMethod() + " " + path;
    }

    private JsonNode call(String operation, String path, JsonNode body) throws AwsError {
        return switch (operation) {
            case "batch:ListJobs" -> batch.listJobs(body);
            case "states:StartExecution" -> stepFunctions.startExecution(body);
            case "states:DescribeExecution" -> stepFunctions.describeExecution(body);
            case "scheduler:CreateSchedule" -> scheduler.create(path.substring("/schedules/".length()), body);
            case "scheduler:UpdateSchedule" -> scheduler.update(path.substring("/schedules/".length()), body);
            default -> throw new AwsError(400, "UnknownOperationException", "the stand-in does not serve " + operation);
        };
    }

    private JsonNode control(String command, JsonNode body) throws AwsError {
        switch (command) {
            case "calls" -> {
                ArrayNode list = JSON.createArrayNode();
                calls.forEach(list::add);
                return list;
            }
            case "reset" -> {
                calls.clear();
                failing.clear();
                batch.reset();
                stepFunctions.reset();
                scheduler.reset();
            }
            case "fail" -> failing.add(body.path("operation").asText());
            case "fail-executions" -> stepFunctions.failExecutions();
            case "job" -> {
                return batch.update(body);
            }
            case "fire-schedule" -> {
                return scheduler.fire(body.path("name").asText());
            }
            default -> throw new AwsError(404, "NotFound", "no control " + command);
        }
        return JSON.createObjectNode();
    }
}
