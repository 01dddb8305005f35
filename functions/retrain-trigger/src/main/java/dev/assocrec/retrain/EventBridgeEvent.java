package dev.assocrec.retrain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The EventBridge envelope; {@code detail} differs per source and is read by {@link RetrainCauses}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventBridgeEvent(
        String id,
        @JsonProperty("detail-type") String detailType,
        String source,
        String time,
        List<String> resources,
        JsonNode detail) {}
