package dev.assocrec.retrain;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides which events start a retraining: the schedule, and an S3 "Object Created" under the
 * events prefix. The EventBridge rule filters too; checking again here keeps a widened rule (or a
 * hand-sent test event) from starting GPU jobs for model files or folder markers.
 */
@ApplicationScoped
public class RetrainCauses {
    static final String SCHEDULE_SOURCE = "aws.events";
    static final String SCHEDULE_TYPE = "Scheduled Event";
    static final String S3_SOURCE = "aws.s3";
    static final String OBJECT_CREATED_TYPE = "Object Created";

    private final RetrainConfig config;

    public RetrainCauses(RetrainConfig config) {
        this.config = config;
    }

    public RetrainCause of(EventBridgeEvent event) {
        if (SCHEDULE_SOURCE.equals(event.source()) && SCHEDULE_TYPE.equals(event.detailType())) {
            return RetrainCause.retrain("schedule " + (event.resources() == null ? "" : String.join(",", event.resources())));
        }
        if (S3_SOURCE.equals(event.source()) && OBJECT_CREATED_TYPE.equals(event.detailType())) {
            return ofNewObject(event.detail());
        }
        return RetrainCause.ignore("not a retraining event: source=" + event.source()
                + " detail-type=" + event.detailType());
    }

    private RetrainCause ofNewObject(JsonNode detail) {
        String bucket = detail == null ? "" : detail.path("bucket").path("name").asText("");
        String key = detail == null ? "" : detail.path("object").path("key").asText("");
        String location = "s3://" + bucket + "/" + key;
        if (bucket.isEmpty() || key.isEmpty()) {
            return RetrainCause.ignore("Object Created event without detail.bucket.name or detail.object.key");
        }
        if (config.bucket().filter(expected -> !expected.equals(bucket)).isPresent()) {
            return RetrainCause.ignore(location + " is not in bucket " + config.bucket().get());
        }
        if (!key.startsWith(config.eventsPrefix())) {
            return RetrainCause.ignore(location + " is not under the events prefix " + config.eventsPrefix());
        }
        if (key.endsWith("/")) {
            return RetrainCause.ignore(location + " is a folder marker");
        }
        return RetrainCause.retrain("new events " + location);
    }
}
