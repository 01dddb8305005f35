package dev.assocrec.retrain;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.KeyValuePair;

/** The training jobs in AWS Batch: is one active, and submitting a new one. */
@ApplicationScoped
public class TrainingQueue {
    /** Every status before a job ends; SUCCEEDED and FAILED jobs no longer block a new one. */
    static final List<JobStatus> ACTIVE_STATUSES = List.of(
            JobStatus.SUBMITTED, JobStatus.PENDING, JobStatus.RUNNABLE, JobStatus.STARTING, JobStatus.RUNNING);
    /** Environment variable that tells the training container why it runs (logged at start). */
    static final String CAUSE_VARIABLE = "ASSOCREC_TRIGGER";

    private final BatchClient batch;
    private final RetrainConfig config;

    public TrainingQueue(BatchClient batch, RetrainConfig config) {
        this.batch = batch;
        this.config = config;
    }

    public Optional<ActiveJob> findActive() {
        for (JobStatus status : ACTIVE_STATUSES) {
            Optional<JobSummary> found = batch.listJobsPaginator(r -> r.jobQueue(config.jobQueue()).jobStatus(status))
                    .jobSummaryList().stream()
                    .filter(job -> config.jobName().equals(job.jobName()))
                    .findFirst();
            if (found.isPresent()) {
                return Optional.of(new ActiveJob(found.get().jobId(), status.toString()));
            }
        }
        return Optional.empty();
    }

    public String submit(String cause) {
        return batch.submitJob(r -> r
                        .jobName(config.jobName())
                        .jobQueue(config.jobQueue())
                        .jobDefinition(config.jobDefinition())
                        .containerOverrides(c -> c.environment(
                                KeyValuePair.builder().name(CAUSE_VARIABLE).value(cause).build())))
                .jobId();
    }
}
