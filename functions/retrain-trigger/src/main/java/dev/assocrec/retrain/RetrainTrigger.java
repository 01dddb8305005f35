package dev.assocrec.retrain;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.assocrec.retrain.TrainingDecision.Outcome;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Lambda entry: an EventBridge event (new event file or schedule) in, at most one training job out.
 *
 * <p>Debounce by asking Batch: while a job of the configured name is queued or running, further
 * events submit nothing. Terraform gives this function a reserved concurrency of 1, so the
 * check-then-submit never races with itself; a burst of files thus starts exactly one job. Files that
 * land while a job already runs are picked up by the next trigger (a later file or the schedule).
 * A Batch error fails the invocation, so Lambda retries it and the error alarm sees it.
 */
public class RetrainTrigger implements RequestHandler<EventBridgeEvent, TrainingDecision> {
    private static final Logger LOG = Logger.getLogger(RetrainTrigger.class);

    private final RetrainCauses causes;
    private final TrainingQueue queue;

    public RetrainTrigger(RetrainCauses causes, TrainingQueue queue) {
        this.causes = causes;
        this.queue = queue;
    }

    @Override
    public TrainingDecision handleRequest(EventBridgeEvent event, Context context) {
        RetrainCause cause = causes.of(event);
        TrainingDecision decision = decide(cause);
        LOG.infof("event %s: %s (%s)%s", event.id(), decision.outcome(), decision.detail(),
                decision.jobId() == null ? "" : " job " + decision.jobId());
        return decision;
    }

    private TrainingDecision decide(RetrainCause cause) {
        if (!cause.retrain()) {
            return new TrainingDecision(Outcome.IGNORED, null, cause.description());
        }
        Optional<ActiveJob> active = queue.findActive();
        if (active.isPresent()) {
            return new TrainingDecision(Outcome.ALREADY_ACTIVE, active.get().jobId(),
                    cause.description() + "; a training job is " + active.get().status());
        }
        return new TrainingDecision(Outcome.SUBMITTED, queue.submit(cause.description()), cause.description());
    }
}
