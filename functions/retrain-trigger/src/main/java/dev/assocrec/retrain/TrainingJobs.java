package dev.assocrec.retrain;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.KeyValuesPair;

/**
 * The training jobs Batch knows (queued, running and recently ended), read in one query: ListJobs
 * filtered by job name returns jobs in every status, so "is one active" and "when did the last one
 * start" come from the same answer, not from one call per status that a job can slip between.
 */
@ApplicationScoped
public class TrainingJobs {
    /** Every status before a job ends; SUCCEEDED and FAILED jobs no longer block a new one. */
    static final List<JobStatus> ACTIVE_STATUSES = List.of(
            JobStatus.SUBMITTED, JobStatus.PENDING, JobStatus.RUNNABLE, JobStatus.STARTING, JobStatus.RUNNING);

    private final BatchClient batch;
    private final RetrainConfig config;

    public TrainingJobs(BatchClient batch, RetrainConfig config) {
        this.batch = batch;
        this.config = config;
    }

    public History history() {
        List<Job> jobs = batch.listJobsPaginator(r -> r
                        .jobQueue(config.jobQueue())
                        .filters(KeyValuesPair.builder().name("JOB_NAME").values(config.jobName()).build()))
                .jobSummaryList().stream()
                // The filter ignores case: keep the exact name only.
                .filter(job -> config.jobName().equals(job.jobName()))
                .map(Job::of)
                .toList();
        return new History(jobs);
    }

    /** One training job as ListJobs reports it. */
    public record Job(String id, JobStatus status, Optional<Instant> startedAt) {
        static Job of(JobSummary summary) {
            return new Job(summary.jobId(), summary.status(),
                    Optional.ofNullable(summary.startedAt()).map(Instant::ofEpochMilli));
        }

        boolean active() {
            return ACTIVE_STATUSES.contains(status);
        }
    }

    /** The jobs of one ListJobs answer. */
    public record History(List<Job> jobs) {

        /**
         * A queued or running job, other than {@code endedJobId}: a job-end event may arrive before
         * ListJobs shows that job's final status.
         */
        public Optional<Job> activeOtherThan(String endedJobId) {
            return jobs.stream().filter(Job::active).filter(job -> !job.id().equals(endedJobId)).findFirst();
        }

        /** When the most recent job started; its input holds every event file older than that. */
        public Optional<Instant> lastStart() {
            return jobs.stream().flatMap(job -> job.startedAt().stream()).max(Instant::compareTo);
        }
    }
}
