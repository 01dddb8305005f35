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

/** The test's side of {@link FakeBatch}: read the recorded calls, reset, change a job's status. */
final class FakeBatchControl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    FakeBatchControl(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Recorded Batch calls of one operation ("submitjob", "listjobs"), oldest first. */
    List<JsonNode> calls(String operation) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode call : post("/_fake/calls", Map.of())) {
            if (call.get("operation").asText().equals(operation)) {
                found.add(call.get("body"));
            }
        }
        return found;
    }

    void reset() {
        post("/_fake/reset", Map.of());
    }

    void failSubmits() {
        post("/_fake/fail-submits", Map.of());
    }

    void setStatus(String jobId, String status) {
        post("/_fake/status", Map.of("jobId", jobId, "status", status));
    }

    private JsonNode post(String path, Map<String, String> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(path, e);
        }
    }
}
