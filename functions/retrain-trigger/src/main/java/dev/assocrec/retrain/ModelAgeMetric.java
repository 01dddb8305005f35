package dev.assocrec.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;

/**
 * The model age as a CloudWatch metric, written as one Embedded Metric Format line to standard
 * output: Lambda ships it to CloudWatch Logs, which turns it into the metric. No PutMetricData call,
 * so no CloudWatch permission and no extra latency; the format is AWS's documented EMF JSON.
 */
@ApplicationScoped
public class ModelAgeMetric {
    static final String NAMESPACE = "assocrec";
    static final String METRIC = "CurrentModelAgeHours";
    static final String DIMENSION = "Stack";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RetrainConfig config;
    private final Clock clock;

    public ModelAgeMetric(RetrainConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Writes the line and returns the value in hours. */
    public double emit(Duration age) {
        double hours = Math.round(age.toSeconds() / 36.0) / 100.0;
        ObjectNode line = JSON.createObjectNode();
        ObjectNode aws = line.putObject("_aws").put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add(DIMENSION);
        directive.putArray("Metrics").addObject().put("Name", METRIC).put("Unit", "None");
        line.put(DIMENSION, config.stackName()).put(METRIC, hours);
        // Straight to stdout, not through the logger: EMF needs the bare JSON object on its own line.
        System.out.println(line);
        return hours;
    }
}
