package dev.assocrec.retrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The test's side of {@link FakeAws}: recorded calls, failures to inject, jobs to move on, schedules to fire. */
final class FakeAwsControl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    FakeAwsControl(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Request bodies of one operation ("batch:ListJobs", "states:StartExecution", ...), oldest first. */
    List<JsonNode> calls(String operation) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode call : post("calls", Map.of())) {
            if (call.get("operation").asText().equals(operation)) {
                found.add(call.get("body"));
            }
        }
        return found;
    }

    /** Every operation called, oldest first. */
    List<String> operations() {
        List<String> found = new ArrayList<>();
        post("calls", Map.of()).forEach(call -> found.add(call.get("operation").asText()));
        return found;
    }

    void reset() {
        post("reset", Map.of());
    }

    /** Makes every later call of {@code operation} answer 500. */
    void fail(String operation) {
        post("fail", Map.of("operation", operation));
    }

    /** Makes every later state machine execution fail as a refused SubmitJob does. */
    void failExecutions() {
        post("fail-executions", Map.of());
    }

    void setJob(String jobId, String status, long startedAtMillis) {
        post("job", Map.of("jobId", jobId, "status", status, "startedAt", startedAtMillis));
    }

    void setJob(String jobId, String status) {
        post("job", Map.of("jobId", jobId, "status", status));
    }

    /** Fires a schedule ("group/name"): its stored request under "schedule", the delivered event under "event". */
    JsonNode fireSchedule(String key) {
        return post("fire-schedule", Map.of("name", key));
    }

    private JsonNode post(String command, Map<String, Object> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/_fake/" + command))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(command + " answered " + response.statusCode()
                        + ": " + new String(response.body()));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command, e);
        }
    }
}
