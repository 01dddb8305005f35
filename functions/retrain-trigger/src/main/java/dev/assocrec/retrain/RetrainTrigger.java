package dev.assocrec.retrain;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.assocrec.retrain.RetrainCause.Ignored;
import dev.assocrec.retrain.RetrainCause.JobEnded;
import dev.assocrec.retrain.RetrainCause.ModelAgeCheck;
import dev.assocrec.retrain.RetrainCause.NewEventFile;
import dev.assocrec.retrain.RetrainCause.QuietPeriodOver;
import dev.assocrec.retrain.TrainingDecision.Outcome;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Lambda entry: one event in, at most one training job out.
 *
 * <ul>
 *   <li>A new event file restarts the quiet period (no job yet), so a burst of uploads starts one
 *       job after it stops.</li>
 *   <li>The quiet period's end, or the end of one of our jobs, starts a job iff event files arrived
 *       after the last job started and none is active: files that land during a run get exactly one
 *       follow-up job when it ends.</li>
 *   <li>The periodic schedule starts a job unless one is active.</li>
 *   <li>The hourly check writes the serving model's age as a metric (the stale-model alarm).</li>
 * </ul>
 *
 * Terraform gives this function a reserved concurrency of 1, so the check-then-start never races
 * with itself. An AWS error fails the invocation: Lambda retries it, then sends it to the
 * dead-letter queue.
 */
public class RetrainTrigger implements RequestHandler<EventBridgeEvent, TrainingDecision> {
    private static final Logger LOG = Logger.getLogger(RetrainTrigger.class);

    private final RetrainCauses causes;
    private final QuietPeriod quietPeriod;
    private final TrainingJobs jobs;
    private final NewEventFiles newFiles;
    private final TrainingStarter starter;
    private final ModelAge modelAge;
    private final ModelAgeMetric modelAgeMetric;

    public RetrainTrigger(RetrainCauses causes, QuietPeriod quietPeriod, TrainingJobs jobs, NewEventFiles newFiles,
            TrainingStarter starter, ModelAge modelAge, ModelAgeMetric modelAgeMetric) {
        this.causes = causes;
        this.quietPeriod = quietPeriod;
        this.jobs = jobs;
        this.newFiles = newFiles;
        this.starter = starter;
        this.modelAge = modelAge;
        this.modelAgeMetric = modelAgeMetric;
    }

    @Override
    public TrainingDecision handleRequest(EventBridgeEvent event, Context context) {
        TrainingDecision decision = decide(causes.of(event));
        LOG.infof("event %s: %s (%s)%s", event.id(), decision.outcome(), decision.detail(),
                decision.jobId() == null ? "" : " job " + decision.jobId());
        return decision;
    }

    private TrainingDecision decide(RetrainCause cause) {
        if (cause instanceof Ignored) {
            return TrainingDecision.of(Outcome.IGNORED, cause.description());
        }
        if (cause instanceof NewEventFile file) {
            Instant at = quietPeriod.restart(file.location());
            return TrainingDecision.of(Outcome.QUIET_PERIOD_RESTARTED,
                    cause.description() + "; training starts at " + at + " unless more files arrive");
        }
        if (cause instanceof ModelAgeCheck) {
            return modelAge.current()
                    .map(age -> TrainingDecision.of(Outcome.MODEL_AGE_REPORTED,
                            "models/current is " + modelAgeMetric.emit(age) + " h old"))
                    .orElse(TrainingDecision.of(Outcome.MODEL_AGE_REPORTED, "no model published yet"));
        }
        if (cause instanceof JobEnded ended && ended.startedAt().isEmpty()) {
            // It read nothing; starting again on the same input could wedge the same way. The next
            // file or the periodic schedule retries.
            return TrainingDecision.of(Outcome.IGNORED, cause.description() + " without having started");
        }
        return train(cause);
    }

    private TrainingDecision train(RetrainCause cause) {
        String endedJob = cause instanceof JobEnded ended ? ended.jobId() : "";
        TrainingJobs.History history = jobs.history();
        Optional<TrainingJobs.Job> active = history.activeOtherThan(endedJob);
        if (active.isPresent()) {
            return new TrainingDecision(Outcome.ALREADY_ACTIVE, active.get().id(),
                    cause.description() + "; a training job is " + active.get().status());
        }
        String reason = cause.description();
        if (cause instanceof QuietPeriodOver || cause instanceof JobEnded) {
            Optional<String> unread = unreadFile(history, cause);
            if (unread.isEmpty()) {
                return TrainingDecision.of(Outcome.NOTHING_NEW,
                        cause.description() + "; no event file arrived after the last job started");
            }
            reason += "; unread " + unread.get();
        }
        return new TrainingDecision(Outcome.SUBMITTED, starter.start(reason), reason);
    }

    /** An event file newer than the last job's start (the ended job's own start counts too). */
    private Optional<String> unreadFile(TrainingJobs.History history, RetrainCause cause) {
        Optional<Instant> endedStart = cause instanceof JobEnded ended ? ended.startedAt() : Optional.empty();
        Optional<Instant> lastStart = Stream.of(history.lastStart(), endedStart)
                .flatMap(Optional::stream)
                .max(Instant::compareTo);
        return lastStart.isEmpty() ? Optional.of("(no earlier job)") : newFiles.anyAfter(lastStart.get());
    }
}
