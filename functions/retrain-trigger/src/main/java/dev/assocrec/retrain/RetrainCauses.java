package dev.assocrec.retrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.assocrec.retrain.RetrainCause.Ignored;
import dev.assocrec.retrain.RetrainCause.JobEnded;
import dev.assocrec.retrain.RetrainCause.ModelAgeCheck;
import dev.assocrec.retrain.RetrainCause.NewEventFile;
import dev.assocrec.retrain.RetrainCause.QuietPeriodOver;
import dev.assocrec.retrain.RetrainCause.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads an event as a {@link RetrainCause}. The EventBridge rules filter too; checking again here
 * keeps a widened rule (or a hand-sent test event) from starting GPU jobs for model files, folder
 * markers or other teams' Batch jobs.
 */
@ApplicationScoped
public class RetrainCauses {
    static final String SCHEDULE_SOURCE = "aws.events";
    static final String SCHEDULE_TYPE = "Scheduled Event";
    static final String S3_SOURCE = "aws.s3";
    static final String OBJECT_CREATED_TYPE = "Object Created";
    static final String BATCH_SOURCE = "aws.batch";
    static final String JOB_STATE_TYPE = "Batch Job State Change";
    static final List<String> END_STATUSES = List.of("SUCCEEDED", "FAILED");
    /** Source of the events this stack sends itself (the quiet-period schedule, the model age check). */
    static final String OWN_SOURCE = "assocrec.retrain";
    static final String QUIET_PERIOD_OVER_TYPE = "Quiet period over";
    static final String MODEL_AGE_CHECK_TYPE = "Model age check";

    private final RetrainConfig config;

    public RetrainCauses(RetrainConfig config) {
        this.config = config;
    }

    public RetrainCause of(EventBridgeEvent event) {
        String source = String.valueOf(event.source());
        String type = String.valueOf(event.detailType());
        JsonNode detail = event.detail() == null ? MissingNode.getInstance() : event.detail();
        if (source.equals(SCHEDULE_SOURCE) && type.equals(SCHEDULE_TYPE)) {
            return new Schedule(event.resources() == null ? "" : String.join(",", event.resources()));
        }
        if (source.equals(S3_SOURCE) && type.equals(OBJECT_CREATED_TYPE)) {
            return ofNewObject(detail);
        }
        if (source.equals(BATCH_SOURCE) && type.equals(JOB_STATE_TYPE)) {
            return ofJobStateChange(detail);
        }
        if (source.equals(OWN_SOURCE) && type.equals(QUIET_PERIOD_OVER_TYPE)) {
            return new QuietPeriodOver(detail.path("lastFile").asText("?"));
        }
        if (source.equals(OWN_SOURCE) && type.equals(MODEL_AGE_CHECK_TYPE)) {
            return new ModelAgeCheck();
        }
        return new Ignored("not a retraining event: source=" + source + " detail-type=" + type);
    }

    private RetrainCause ofNewObject(JsonNode detail) {
        String bucket = detail.path("bucket").path("name").asText("");
        String key = detail.path("object").path("key").asText("");
        String location = "s3://" + bucket + "/" + key;
        if (bucket.isEmpty() || key.isEmpty()) {
            return new Ignored("Object Created event without detail.bucket.name or detail.object.key");
        }
        if (!bucket.equals(config.bucket())) {
            return new Ignored(location + " is not in bucket " + config.bucket());
        }
        if (!key.startsWith(config.eventsPrefix())) {
            return new Ignored(location + " is not under the events prefix " + config.eventsPrefix());
        }
        if (key.endsWith("/")) {
            return new Ignored(location + " is a folder marker");
        }
        return new NewEventFile(location);
    }

    private RetrainCause ofJobStateChange(JsonNode detail) {
        String name = detail.path("jobName").asText("");
        String status = detail.path("status").asText("");
        if (!name.equals(config.jobName()) || !END_STATUSES.contains(status)) {
            return new Ignored("job " + name + " " + status + " is not the end of a training job");
        }
        Optional<Instant> startedAt = detail.hasNonNull("startedAt")
                ? Optional.of(Instant.ofEpochMilli(detail.get("startedAt").asLong()))
                : Optional.empty();
        return new JobEnded(detail.path("jobId").asText("?"), status, startedAt);
    }
}
