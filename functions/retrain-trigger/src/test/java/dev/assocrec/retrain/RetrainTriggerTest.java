package dev.assocrec.retrain;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The function as Lambda runs it: documented event JSON posted to the Quarkus Lambda mock event
 * server; the real AWS SDK clients talk HTTP to local stand-ins for Batch, Step Functions and
 * Scheduler, and to S3Mock for the bucket.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeAwsResource.class, restrictToAnnotatedClass = true)
class RetrainTriggerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = FakeAwsResource.BUCKET;
    private static final String QUIET_SCHEDULE = "assocrec-retrain/quiet-period";
    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:assocrec-start-training";

    @ConfigProperty(name = "assocrec.retrain.endpoints.batch")
    URI awsEndpoint;

    @ConfigProperty(name = "assocrec.retrain.endpoints.s3")
    URI s3Endpoint;

    @Inject
    TestClock clock;

    private FakeAwsControl aws;
    private S3Client s3;

    @BeforeEach
    void freshAwsAndBucket() {
        aws = new FakeAwsControl(awsEndpoint);
        aws.reset();
        s3 = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(s3Endpoint)
                .forcePathStyle(true)
                .build();
        for (S3Object object : s3.listObjectsV2(r -> r.bucket(BUCKET)).contents()) {
            s3.deleteObject(r -> r.bucket(BUCKET).key(object.key()));
        }
    }

    @AfterEach
    void systemTime() {
        clock.useSystemTime();
        s3.close();
    }

    @Test
    void burstOfFilesMovesTheQuietPeriodEachTimeAndStartsOneJobWhenItEnds() throws IOException {
        Instant start = Instant.parse("2026-12-02T11:00:00Z");
        int files = 5;
        for (int part = 0; part < files; part++) {
            String key = "events/burst/part-000" + part + ".csv";
            upload(key);
            clock.set(start.plus(Duration.ofMinutes(part)));
            invoke(objectCreated(key)).statusCode(200)
                    .body("outcome", equalTo("QUIET_PERIOD_RESTARTED"))
                    .body("jobId", nullValue())
                    .body("detail", equalTo("new events s3://" + BUCKET + "/" + key + "; training starts at "
                            + start.plus(Duration.ofMinutes(part + 15)) + " unless more files arrive"));
        }
        List<JsonNode> updates = aws.calls("scheduler:UpdateSchedule");
        assertEquals(files, updates.size(), "every file moves the schedule");
        assertEquals(1, aws.calls("scheduler:CreateSchedule").size(), "the first file of the burst creates it");
        for (int part = 0; part < files; part++) {
            assertEquals("at(2026-12-02T11:" + (15 + part) + ":00)", updates.get(part).get("ScheduleExpression").asText());
        }
        JsonNode schedule = updates.get(files - 1);
        assertEquals("UTC", schedule.get("ScheduleExpressionTimezone").asText());
        assertEquals("DELETE", schedule.get("ActionAfterCompletion").asText());
        assertEquals("OFF", schedule.at("/FlexibleTimeWindow/Mode").asText());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:assocrec-retrain-trigger:live",
                schedule.at("/Target/Arn").asText());
        assertEquals("arn:aws:iam::123456789012:role/assocrec-retrain-scheduler", schedule.at("/Target/RoleArn").asText());
        assertTrue(aws.operations().stream().allMatch(op -> op.startsWith("scheduler:")),
                "files alone start nothing: " + aws.operations());

        JsonNode fired = aws.fireSchedule(QUIET_SCHEDULE).get("event");
        String jobId = invoke(fired).statusCode(200)
                .body("outcome", equalTo("SUBMITTED"))
                .body("detail", equalTo("quiet period over after s3://" + BUCKET + "/events/burst/part-0004.csv;"
                        + " unread (no earlier job)"))
                .extract().path("jobId");
        assertEquals(1, aws.calls("states:StartExecution").size());

        // Lambda delivers an async event at least once: a repeat finds the job active.
        invoke(fired).statusCode(200).body("outcome", equalTo("ALREADY_ACTIVE")).body("jobId", equalTo(jobId));
        assertEquals(1, aws.calls("states:StartExecution").size());
    }

    @Test
    void filesDuringARunningJobStartOneFollowUpWhenItEnds() throws IOException {
        String running = invoke(scheduled()).body("outcome", equalTo("SUBMITTED")).extract().path("jobId");
        long startedAt = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        aws.setJob(running, "RUNNING", startedAt);

        upload("events/late.csv");
        invoke(objectCreated("events/late.csv")).body("outcome", equalTo("QUIET_PERIOD_RESTARTED"));
        invoke(aws.fireSchedule(QUIET_SCHEDULE).get("event")).statusCode(200)
                .body("outcome", equalTo("ALREADY_ACTIVE"))
                .body("jobId", equalTo(running));
        assertEquals(1, aws.calls("states:StartExecution").size());

        // The end event may come before ListJobs shows the job's final status; it still counts as ended.
        ObjectNode ended = jobEnded(running, "SUCCEEDED", startedAt);
        String followUp = invoke(ended).statusCode(200)
                .body("outcome", equalTo("SUBMITTED"))
                .body("jobId", not(equalTo(running)))
                .body("detail", equalTo("job " + running + " ended SUCCEEDED; unread s3://" + BUCKET + "/events/late.csv"))
                .extract().path("jobId");
        assertEquals(2, aws.calls("states:StartExecution").size());

        aws.setJob(running, "SUCCEEDED");
        invoke(ended).statusCode(200).body("outcome", equalTo("ALREADY_ACTIVE")).body("jobId", equalTo(followUp));
        assertEquals(2, aws.calls("states:StartExecution").size(), "one follow-up, not one per delivery");
    }

    @Test
    void jobEndWithoutNewerFilesStartsNothing() throws IOException {
        upload("events/read-by-the-job.csv");
        Instant uploaded = s3.headObject(r -> r.bucket(BUCKET).key("events/read-by-the-job.csv")).lastModified();
        String job = invoke(scheduled()).body("outcome", equalTo("SUBMITTED")).extract().path("jobId");
        long startedAt = uploaded.plusSeconds(1).toEpochMilli();
        aws.setJob(job, "SUCCEEDED", startedAt);

        invoke(jobEnded(job, "SUCCEEDED", startedAt)).statusCode(200)
                .body("outcome", equalTo("NOTHING_NEW"))
                .body("detail", equalTo("job " + job + " ended SUCCEEDED; no event file arrived after the last job started"));
        assertEquals(1, aws.calls("states:StartExecution").size());
    }

    @Test
    void jobThatNeverStartedIsNotFollowedUp() throws IOException {
        ObjectNode cancelled = jobEnded("stuck-job", "FAILED", 0);
        ((ObjectNode) cancelled.get("detail")).remove("startedAt");
        invoke(cancelled).statusCode(200)
                .body("outcome", equalTo("IGNORED"))
                .body("detail", equalTo("job stuck-job ended FAILED without having started"));
        assertEquals(List.of(), aws.operations());
    }

    @Test
    void activeJobIsOneListJobsQueryByJobNameOverAllStatuses() throws IOException {
        invoke(scheduled()).body("outcome", equalTo("SUBMITTED"));

        List<JsonNode> lists = aws.calls("batch:ListJobs");
        assertEquals(1, lists.size(), "one query, not one per status");
        JsonNode list = lists.get(0);
        assertEquals("assocrec-training-queue", list.get("jobQueue").asText());
        assertEquals("JOB_NAME", list.at("/filters/0/name").asText());
        assertEquals("assocrec-retrain", list.at("/filters/0/values/0").asText());
        assertTrue(list.path("jobStatus").isMissingNode(), "a status would be ignored beside a filter: " + list);
    }

    @Test
    void scheduleStartsTheStateMachineWithTheCauseAndNeverSubmitsToBatch() throws IOException {
        String jobId = invoke(scheduled()).statusCode(200)
                .body("outcome", equalTo("SUBMITTED"))
                .body("detail", equalTo("schedule arn:aws:events:eu-west-1:123456789012:rule/assocrec-retrain-schedule"))
                .extract().path("jobId");

        List<JsonNode> starts = aws.calls("states:StartExecution");
        assertEquals(1, starts.size());
        assertEquals(STATE_MACHINE, starts.get(0).get("stateMachineArn").asText());
        assertEquals("{\"cause\":\"schedule arn:aws:events:eu-west-1:123456789012:rule/assocrec-retrain-schedule\"}",
                starts.get(0).get("input").asText());
        assertEquals(1, aws.calls("states:DescribeExecution").size(), "waits for the submission");
        assertEquals(List.of(), aws.calls("batch:SubmitJob"));

        aws.setJob(jobId, "RUNNABLE");
        invoke(scheduled()).statusCode(200)
                .body("outcome", equalTo("ALREADY_ACTIVE"))
                .body("jobId", equalTo(jobId))
                .body("detail", containsString("a training job is RUNNABLE"));
        aws.setJob(jobId, "FAILED");
        invoke(scheduled()).statusCode(200).body("outcome", equalTo("SUBMITTED")).body("jobId", not(equalTo(jobId)));
        assertEquals(2, aws.calls("states:StartExecution").size());
    }

    @Test
    void modelAgeCheckWritesTheAgeOfCurrentAsAnEmbeddedMetric() throws IOException {
        upload("models/current");
        Instant moved = s3.headObject(r -> r.bucket(BUCKET).key("models/current")).lastModified();
        clock.set(moved.plus(Duration.ofHours(80)).plus(Duration.ofMinutes(30)));

        String out = capturingStdout(() -> invoke(modelAgeCheck()).statusCode(200)
                .body("outcome", equalTo("MODEL_AGE_REPORTED"))
                .body("detail", equalTo("models/current is 80.5 h old")));

        List<JsonNode> metrics = out.lines().filter(line -> line.startsWith("{") && line.contains("\"_aws\""))
                .map(RetrainTriggerTest::json).toList();
        assertEquals(1, metrics.size(), "one EMF line: " + out);
        JsonNode metric = metrics.get(0);
        assertEquals(80.5, metric.get("CurrentModelAgeHours").asDouble());
        assertEquals("assocrec", metric.get("Stack").asText());
        JsonNode directive = metric.at("/_aws/CloudWatchMetrics/0");
        assertEquals("assocrec", directive.get("Namespace").asText());
        assertEquals("[[\"Stack\"]]", directive.get("Dimensions").toString());
        assertEquals("CurrentModelAgeHours", directive.at("/Metrics/0/Name").asText());
        assertEquals(clock.millis(), metric.at("/_aws/Timestamp").asLong());
        assertEquals(List.of(), aws.operations(), "measuring touches S3 only");
    }

    @Test
    void modelAgeCheckBeforeTheFirstModelWritesNoMetric() throws IOException {
        String out = capturingStdout(() -> invoke(modelAgeCheck()).statusCode(200)
                .body("outcome", equalTo("MODEL_AGE_REPORTED"))
                .body("detail", equalTo("no model published yet")));
        assertTrue(out.lines().noneMatch(line -> line.contains("CurrentModelAgeHours")),
                "missing data is what the alarm treats as stale: " + out);
    }

    @Test
    void refusedSubmissionFailsTheInvocation() throws IOException {
        aws.failExecutions();
        ValidatableResponse response = invoke(scheduled());
        assertTrue(response.extract().statusCode() >= 500, "Lambda retries, then the event goes to the dead-letter queue");
        assertTrue(response.extract().asString().contains("Batch.ClientException: stand-in Batch refuses the submission"),
                response.extract().asString());
    }

    @Test
    void schedulerErrorFailsTheInvocation() throws IOException {
        aws.fail("scheduler:UpdateSchedule");
        ValidatableResponse response = invoke(objectCreated("events/part.csv"));
        assertTrue(response.extract().statusCode() >= 500, "got " + response.extract().statusCode());
        assertTrue(response.extract().asString().contains("stand-in AWS refuses scheduler:UpdateSchedule"),
                response.extract().asString());
    }

    @Test
    void objectsOutsideTheEventsPrefixAreIgnoredWithoutCallingAws() throws IOException {
        invoke(objectCreated("models/20261128-120000/model.onnx")).statusCode(200)
                .body("outcome", equalTo("IGNORED"))
                .body("jobId", nullValue())
                .body("detail", equalTo("s3://assocrec-data/models/20261128-120000/model.onnx"
                        + " is not under the events prefix events/"));
        invoke(objectCreated("events/2026-11-29/")).body("outcome", equalTo("IGNORED"));
        assertEquals(List.of(), aws.operations());
    }

    @Test
    void objectsInAnotherBucketAreIgnored() throws IOException {
        ObjectNode event = objectCreated("events/part.csv");
        ((ObjectNode) event.at("/detail/bucket")).put("name", "someone-elses-bucket");
        invoke(event).statusCode(200)
                .body("outcome", equalTo("IGNORED"))
                .body("detail", equalTo("s3://someone-elses-bucket/events/part.csv is not in bucket assocrec-data"));
        assertEquals(List.of(), aws.operations());
    }

    @Test
    void otherEventsAndOtherJobsAreIgnored() throws IOException {
        ObjectNode deleted = objectCreated("events/part.csv");
        deleted.put("detail-type", "Object Deleted");
        invoke(deleted).statusCode(200)
                .body("outcome", equalTo("IGNORED"))
                .body("detail", equalTo("not a retraining event: source=aws.s3 detail-type=Object Deleted"));
        ObjectNode otherJob = jobEnded("other", "SUCCEEDED", 1);
        ((ObjectNode) otherJob.get("detail")).put("jobName", "someone-elses-job");
        invoke(otherJob).statusCode(200)
                .body("outcome", equalTo("IGNORED"))
                .body("detail", equalTo("job someone-elses-job SUCCEEDED is not the end of a training job"));
        assertEquals(List.of(), aws.operations());
    }

    private void upload(String key) {
        s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString("session,item,event\n"));
    }

    private static String capturingStdout(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
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

    private static ObjectNode jobEnded(String jobId, String status, long startedAtMillis) throws IOException {
        ObjectNode event = load("events/batch-job-state-change.json");
        ((ObjectNode) event.get("detail")).put("jobId", jobId).put("status", status).put("startedAt", startedAtMillis);
        return event;
    }

    /** What the hourly rule of infra/modules/retrain_trigger sends (its input transformer's template). */
    private static ObjectNode modelAgeCheck() {
        ObjectNode event = JSON.createObjectNode()
                .put("source", "assocrec.retrain")
                .put("detail-type", "Model age check")
                .put("id", "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eab");
        event.putObject("detail");
        return event;
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(line, e);
        }
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
