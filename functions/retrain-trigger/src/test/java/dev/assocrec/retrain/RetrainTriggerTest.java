package dev.assocrec.retrain;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The function as Lambda runs it: documented EventBridge event JSON posted to the Quarkus Lambda
 * mock event server, the real AWS SDK Batch client talking HTTP to a local Batch stand-in.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeBatchResource.class, restrictToAnnotatedClass = true)
class RetrainTriggerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "assocrec.retrain.batch-endpoint")
    URI batchEndpoint;

    private FakeBatchControl batch;

    @BeforeEach
    void resetBatch() {
        batch = new FakeBatchControl(batchEndpoint);
        batch.reset();
    }

    @Test
    void newEventFileSubmitsOneTrainingJob() throws IOException {
        String jobId = invoke(objectCreated("events/2026-11-28/part-0001.csv"))
                .statusCode(200)
                .body("outcome", equalTo("SUBMITTED"))
                .body("detail", equalTo("new events s3://assocrec-data/events/2026-11-28/part-0001.csv"))
                .extract().path("jobId");

        List<JsonNode> submits = batch.calls("submitjob");
        assertEquals(1, submits.size());
        JsonNode submit = submits.get(0);
        assertEquals("assocrec-retrain", submit.get("jobName").asText());
        assertEquals("assocrec-training-queue", submit.get("jobQueue").asText());
        assertEquals("assocrec-training-train", submit.get("jobDefinition").asText());
        JsonNode cause = submit.at("/containerOverrides/environment/0");
        assertEquals("ASSOCREC_TRIGGER", cause.get("name").asText());
        assertEquals("new events s3://assocrec-data/events/2026-11-28/part-0001.csv", cause.get("value").asText());
        assertTrue(jobId != null && !jobId.isBlank());
    }

    @Test
    void burstOfFilesStartsExactlyOneJob() throws IOException {
        String first = invoke(objectCreated("events/batch-7/part-0000.csv"))
                .body("outcome", equalTo("SUBMITTED")).extract().path("jobId");
        for (int part = 1; part < 6; part++) {
            invoke(objectCreated("events/batch-7/part-000" + part + ".csv"))
                    .statusCode(200)
                    .body("outcome", equalTo("ALREADY_ACTIVE"))
                    .body("jobId", equalTo(first));
        }
        assertEquals(1, batch.calls("submitjob").size());
    }

    @Test
    void scheduleDoesNotDoubleARunningJobButStartsOneAfterItEnds() throws IOException {
        String running = invoke(scheduled()).body("outcome", equalTo("SUBMITTED")).extract().path("jobId");
        batch.setStatus(running, "RUNNING");

        invoke(scheduled()).statusCode(200)
                .body("outcome", equalTo("ALREADY_ACTIVE"))
                .body("jobId", equalTo(running))
                .body("detail", equalTo("schedule arn:aws:events:eu-west-1:123456789012:rule/assocrec-retrain-schedule;"
                        + " a training job is RUNNING"));
        assertEquals(1, batch.calls("submitjob").size());

        batch.setStatus(running, "FAILED");
        String next = invoke(scheduled()).body("outcome", equalTo("SUBMITTED")).extract().path("jobId");
        assertTrue(!next.equals(running), "a new job after the failed one");
        assertEquals(2, batch.calls("submitjob").size());
    }

    @Test
    void activeJobIsLookedUpInTheConfiguredQueueForEveryActiveStatus() throws IOException {
        invoke(scheduled()).body("outcome", equalTo("SUBMITTED"));

        List<JsonNode> lists = batch.calls("listjobs");
        assertEquals(TrainingQueue.ACTIVE_STATUSES.size(), lists.size(), "one ListJobs per active status");
        for (JsonNode list : lists) {
            assertEquals("assocrec-training-queue", list.get("jobQueue").asText());
        }
        assertEquals(List.of("SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING"),
                lists.stream().map(l -> l.get("jobStatus").asText()).toList());
    }

    @Test
    void objectsOutsideTheEventsPrefixAreIgnoredWithoutCallingBatch() throws IOException {
        invoke(objectCreated("models/20261128-120000/model.onnx")).statusCode(200)
                .body("outcome", equalTo("IGNORED"))
                .body("jobId", nullValue())
                .body("detail", equalTo("s3://assocrec-data/models/20261128-120000/model.onnx"
                        + " is not under the events prefix events/"));
        invoke(objectCreated("events/2026-11-29/")).body("outcome", equalTo("IGNORED"));
        assertTrue(batch.calls("listjobs").isEmpty());
        assertTrue(batch.calls("submitjob").isEmpty());
    }

    @Test
    void objectsInAnotherBucketAreIgnored() throws IOException {
        ObjectNode event = objectCreated("events/part.csv");
        ((ObjectNode) event.at("/detail/bucket")).put("name", "someone-elses-bucket");
        invoke(event).statusCode(200)
                .body("outcome", equalTo("IGNORED"))
                .body("detail", equalTo("s3://someone-elses-bucket/events/part.csv is not in bucket assocrec-data"));
        assertTrue(batch.calls("submitjob").isEmpty());
    }

    @Test
    void otherEventTypesAreIgnored() throws IOException {
        ObjectNode deleted = objectCreated("events/part.csv");
        deleted.put("detail-type", "Object Deleted");
        invoke(deleted).statusCode(200)
                .body("outcome", equalTo("IGNORED"))
                .body("detail", equalTo("not a retraining event: source=aws.s3 detail-type=Object Deleted"));
        assertTrue(batch.calls("submitjob").isEmpty());
    }

    @Test
    void batchRefusingTheSubmissionFailsTheInvocation() throws IOException {
        batch.failSubmits();
        ValidatableResponse response = invoke(objectCreated("events/part.csv"));
        int status = response.extract().statusCode();
        assertTrue(status >= 500, "a failed submission must fail the invocation (Lambda retries, alarm fires), got " + status);
        assertTrue(response.extract().asString().contains("stand-in Batch refuses submissions"),
                "the error names Batch's answer: " + response.extract().asString());
    }

    private static ValidatableResponse invoke(JsonNode event) {
        return given().contentType("application/json").accept("application/json")
                .body(event.toString())
                .when().post()
                .then();
    }

    private static ObjectNode objectCreated(String key) throws IOException {
        ObjectNode event = load("events/s3-object-created.json");
        ((ObjectNode) event.at("/detail/object")).put("key", key);
        return event;
    }

    private static ObjectNode scheduled() throws IOException {
        return load("events/scheduled.json");
    }

    private static ObjectNode load(String resource) throws IOException {
        try (InputStream in = RetrainTriggerTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("test resource " + resource + " missing");
            }
            return (ObjectNode) JSON.readTree(in);
        }
    }
}
