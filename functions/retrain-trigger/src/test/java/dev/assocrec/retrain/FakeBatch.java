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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small stand-in for the AWS Batch REST API on localhost: SubmitJob queues a job as SUBMITTED,
 * ListJobs answers by queue and status, every call is recorded. It stands in for AWS, not for the
 * code under test. Tests drive it over HTTP ({@code /_fake/...}) because the Quarkus application
 * and the test may load this class in different class loaders.
 */
public final class FakeBatch implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<ObjectNode> calls = new ArrayList<>();
    private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
    private boolean failSubmits;

    public FakeBatch() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/submitjob", exchange -> answer(exchange, this::submitJob));
        server.createContext("/v1/listjobs", exchange -> answer(exchange, this::listJobs));
        server.createContext("/_fake/calls", exchange -> answer(exchange, body -> recordedCalls()));
        server.createContext("/_fake/reset", exchange -> answer(exchange, body -> reset()));
        server.createContext("/_fake/fail-submits", exchange -> answer(exchange, body -> failSubmits()));
        server.createContext("/_fake/status", exchange -> answer(exchange, this::setStatus));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private interface Operation {
        JsonNode apply(JsonNode body) throws BatchError;
    }

    private static final class BatchError extends Exception {
        final int status;
        final String type;

        BatchError(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = type;
        }
    }

    private void answer(HttpExchange exchange, Operation operation) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        int status = 200;
        JsonNode response;
        synchronized (this) {
            JsonNode body = request.length == 0 ? JSON.createObjectNode() : JSON.readTree(request);
            if (exchange.getRequestURI().getPath().startsWith("/v1/")) {
                ObjectNode call = JSON.createObjectNode();
                call.put("operation", exchange.getRequestURI().getPath().substring("/v1/".length()));
                call.set("body", body);
                calls.add(call);
            }
            try {
                response = operation.apply(body);
            } catch (BatchError e) {
                status = e.status;
                exchange.getResponseHeaders().add("x-amzn-ErrorType", e.type);
                response = JSON.createObjectNode().put("message", e.getMessage());
            }
        }
        byte[] bytes = JSON.writeValueAsBytes(response);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private JsonNode submitJob(JsonNode body) throws BatchError {
        if (failSubmits) {
            throw new BatchError(500, "ServerException", "stand-in Batch refuses submissions");
        }
        for (String required : List.of("jobName", "jobQueue", "jobDefinition")) {
            if (!body.hasNonNull(required)) {
                throw new BatchError(400, "ClientException", required + " is required");
            }
        }
        String id = UUID.randomUUID().toString();
        ObjectNode job = JSON.createObjectNode()
                .put("jobId", id)
                .put("jobName", body.get("jobName").asText())
                .put("jobArn", "arn:aws:batch:us-east-1:123456789012:job/" + id)
                .put("jobQueue", body.get("jobQueue").asText())
                .put("status", "SUBMITTED")
                .put("createdAt", System.currentTimeMillis());
        jobs.put(id, job);
        return JSON.createObjectNode()
                .put("jobArn", job.get("jobArn").asText())
                .put("jobName", job.get("jobName").asText())
                .put("jobId", id);
    }

    private JsonNode listJobs(JsonNode body) {
        ArrayNode summaries = JSON.createArrayNode();
        String queue = body.path("jobQueue").asText();
        String status = body.path("jobStatus").asText("RUNNING");
        for (ObjectNode job : jobs.values()) {
            if (job.get("jobQueue").asText().equals(queue) && job.get("status").asText().equals(status)) {
                summaries.add(job.deepCopy());
            }
        }
        ObjectNode response = JSON.createObjectNode();
        response.set("jobSummaryList", summaries);
        return response;
    }

    private JsonNode recordedCalls() {
        ArrayNode list = JSON.createArrayNode();
        calls.forEach(list::add);
        return list;
    }

    private JsonNode reset() {
        calls.clear();
        jobs.clear();
        failSubmits = false;
        return JSON.createObjectNode();
    }

    private JsonNode failSubmits() {
        failSubmits = true;
        return JSON.createObjectNode();
    }

    private JsonNode setStatus(JsonNode body) throws BatchError {
        ObjectNode job = jobs.get(body.path("jobId").asText());
        if (job == null) {
            throw new BatchError(404, "ClientException", "no job " + body.path("jobId").asText());
        }
        job.put("status", body.path("status").asText());
        return job;
    }
}
