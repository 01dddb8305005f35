package dev.assocrec.retrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Starts a training job through the Step Functions state machine, which fixes the job's queue,
 * definition and name and passes only the cause on (as ASSOCREC_TRIGGER). The function therefore
 * needs no batch:SubmitJob, whose container overrides IAM cannot restrict.
 *
 * <p>It waits for the execution (one SubmitJob, about a second) so that the job is in Batch's list
 * before the next event is handled, and so that a refused submission fails this invocation.
 */
@ApplicationScoped
public class TrainingStarter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 250;

    private final SfnClient stepFunctions;
    private final RetrainConfig config;

    public TrainingStarter(SfnClient stepFunctions, RetrainConfig config) {
        this.stepFunctions = stepFunctions;
        this.config = config;
    }

    /** Starts one training job; returns its Batch job id. */
    public String start(String cause) {
        String input = JSON.createObjectNode().put("cause", cause).toString();
        String execution = stepFunctions.startExecution(r -> r.stateMachineArn(config.stateMachineArn()).input(input))
                .executionArn();
        DescribeExecutionResponse done = awaitEnd(execution);
        if (done.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("training submission " + execution + " ended " + done.status()
                    + ": " + done.error() + ": " + done.cause());
        }
        return jobId(execution, done.output());
    }

    private DescribeExecutionResponse awaitEnd(String execution) {
        long deadline = System.nanoTime() + config.submitTimeout().toNanos();
        while (true) {
            DescribeExecutionResponse state = stepFunctions.describeExecution(r -> r.executionArn(execution));
            if (state.status() != ExecutionStatus.RUNNING) {
                return state;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("training submission " + execution + " still running after "
                        + config.submitTimeout());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + execution, e);
            }
        }
    }

    private static String jobId(String execution, String output) {
        try {
            String id = JSON.readTree(output == null ? "{}" : output).path("JobId").asText("");
            if (id.isEmpty()) {
                throw new IllegalStateException("training submission " + execution + " gave no JobId: " + output);
            }
            return id;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("training submission " + execution + " gave unreadable output: " + output, e);
        }
    }
}
