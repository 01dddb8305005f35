package dev.assocrec.retrain;

import static dev.assocrec.retrain.FakeAws.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Step Functions running the training state machine of infra/modules/retrain_trigger: each execution
 * submits one job of the fixed name to the fixed queue with the input's cause, and succeeds at once
 * with Batch's SubmitJob answer as output (or fails, when told to).
 */
final class FakeStepFunctionsApi {
    static final String JOB_NAME = "assocrec-retrain";
    static final String JOB_QUEUE = "assocrec-training-queue";

    private final FakeBatchApi batch;
    private final Map<String, ObjectNode> executions = new HashMap<>();
    private boolean failExecutions;

    FakeStepFunctionsApi(FakeBatchApi batch) {
        this.batch = batch;
    }

    JsonNode startExecution(JsonNode body) throws FakeAws.AwsError {
        String arn = body.path("stateMachineArn").asText();
        String input = body.path("input").asText("{}");
        String execution = arn.replace(":stateMachine:", ":execution:") + ":" + executions.size();
        ObjectNode described = JSON.createObjectNode()
                .put("executionArn", execution)
                .put("stateMachineArn", arn)
                .put("input", input)
                .put("startDate", System.currentTimeMillis() / 1000.0);
        if (failExecutions) {
            described.put("status", "FAILED").put("error", "Batch.ClientException")
                    .put("cause", "stand-in Batch refuses the submission");
        } else {
            String cause = readCause(input);
            ObjectNode job = batch.submit(JOB_NAME, JOB_QUEUE, cause);
            described.put("status", "SUCCEEDED").put("output", JSON.createObjectNode()
                    .put("JobId", job.get("jobId").asText())
                    .put("JobName", JOB_NAME).toString());
        }
        executions.put(execution, described);
        return JSON.createObjectNode().put("executionArn", execution).put("startDate", described.get("startDate").asDouble());
    }

    JsonNode describeExecution(JsonNode body) throws FakeAws.AwsError {
        ObjectNode described = executions.get(body.path("executionArn").asText());
        if (described == null) {
            throw new FakeAws.AwsError(400, "ExecutionDoesNotExist", "no execution " + body.path("executionArn").asText());
        }
        return described;
    }

    void failExecutions() {
        failExecutions = true;
    }

    void reset() {
        executions.clear();
        failExecutions = false;
    }

    private static String readCause(String input) throws FakeAws.AwsError {
        try {
            return JSON.readTree(input).path("cause").asText();
        } catch (java.io.IOException e) {
            throw new FakeAws.AwsError(400, "InvalidExecutionInput", "input is not JSON: " + input);
        }
    }
}
