package dev.assocrec.retrain;

import static dev.assocrec.retrain.FakeAws.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * EventBridge Scheduler's schedules by group and name: Create fails on an existing one, Update on a
 * missing one. Firing a schedule (a test's command) returns the target input with the context
 * attributes filled in, and deletes the schedule as ActionAfterCompletion=DELETE does.
 */
final class FakeSchedulerApi {
    private final Map<String, JsonNode> schedules = new HashMap<>();
    private int firings;

    JsonNode create(String name, JsonNode body) throws FakeAws.AwsError {
        String key = key(name, body);
        if (schedules.containsKey(key)) {
            throw new FakeAws.AwsError(409, "ConflictException", "schedule " + key + " exists");
        }
        return store(key, body);
    }

    JsonNode update(String name, JsonNode body) throws FakeAws.AwsError {
        String key = key(name, body);
        if (!schedules.containsKey(key)) {
            throw new FakeAws.AwsError(404, "ResourceNotFoundException", "schedule " + key + " does not exist");
        }
        return store(key, body);
    }

    /** {"name": "group/name"}: the event the schedule delivers to its target now. */
    JsonNode fire(String key) throws FakeAws.AwsError {
        JsonNode schedule = schedules.remove(key);
        if (schedule == null) {
            throw new FakeAws.AwsError(404, "ResourceNotFoundException", "schedule " + key + " does not exist");
        }
        String input = schedule.path("Target").path("Input").asText()
                .replace("<aws.scheduler.execution-id>", "firing-" + ++firings)
                .replace("<aws.scheduler.scheduled-time>", "2026-12-02T12:00:00Z");
        try {
            ObjectNode fired = JSON.createObjectNode();
            fired.set("schedule", schedule);
            fired.set("event", JSON.readTree(input));
            return fired;
        } catch (java.io.IOException e) {
            throw new FakeAws.AwsError(400, "ValidationException", "target input is not JSON: " + input);
        }
    }

    void reset() {
        schedules.clear();
    }

    private JsonNode store(String key, JsonNode body) {
        schedules.put(key, body);
        return JSON.createObjectNode().put("ScheduleArn", "arn:aws:scheduler:us-east-1:123456789012:schedule/" + key);
    }

    private static String key(String name, JsonNode body) {
        return body.path("GroupName").asText("default") + "/" + name;
    }
}
