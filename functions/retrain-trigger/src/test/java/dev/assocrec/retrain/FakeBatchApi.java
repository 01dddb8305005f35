package dev.assocrec.retrain;

import static dev.assocrec.retrain.FakeAws.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Batch's job list: ListJobs by status, or by JOB_NAME filter over every status, as AWS documents it. */
final class FakeBatchApi {
    private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();

    /** What the state machine's SubmitJob does: a new job, SUBMITTED. */
    ObjectNode submit(String name, String queue, String cause) {
        String id = UUID.randomUUID().toString();
        ObjectNode job = JSON.createObjectNode()
                .put("jobId", id)
                .put("jobName", name)
                .put("jobArn", "arn:aws:batch:us-east-1:123456789012:job/" + id)
                .put("jobQueue", queue)
                .put("status", "SUBMITTED")
                .put("createdAt", System.currentTimeMillis())
                .put("cause", cause);
        jobs.put(id, job);
        return job;
    }

    JsonNode listJobs(JsonNode body) {
        String queue = body.path("jobQueue").asText();
        JsonNode nameFilter = null;
        for (JsonNode filter : body.path("filters")) {
            if (filter.path("name").asText().equals("JOB_NAME")) {
                nameFilter = filter.path("values").path(0);
            }
        }
        String status = body.path("jobStatus").asText("RUNNING");
        ArrayNode summaries = JSON.createArrayNode();
        for (ObjectNode job : jobs.values()) {
            boolean match = nameFilter != null
                    ? job.get("jobName").asText().equalsIgnoreCase(nameFilter.asText())
                    : job.get("status").asText().equals(status);
            if (job.get("jobQueue").asText().equals(queue) && match) {
                summaries.add(job.deepCopy().without("cause"));
            }
        }
        ObjectNode response = JSON.createObjectNode();
        response.set("jobSummaryList", summaries);
        return response;
    }

    /** Moves a job on: {"jobId", "status", optional "startedAt" epoch millis}. */
    JsonNode update(JsonNode body) throws FakeAws.AwsError {
        ObjectNode job = jobs.get(body.path("jobId").asText());
        if (job == null) {
            throw new FakeAws.AwsError(404, "ClientException", "no job " + body.path("jobId").asText());
        }
        job.put("status", body.path("status").asText());
        if (body.has("startedAt")) {
            job.put("startedAt", body.get("startedAt").asLong());
        }
        return job;
    }

    void reset() {
        jobs.clear();
    }
}
