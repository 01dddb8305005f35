package dev.assocrec.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

/**
 * Debounce of uploads: every new event file moves one one-time EventBridge Scheduler schedule to
 * {@code now + quiet period}; when it finally fires, uploads have stopped and it invokes this
 * function with a "Quiet period over" event. The schedule deletes itself after firing, so the next
 * file creates it afresh.
 */
@ApplicationScoped
public class QuietPeriod {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Scheduler's one-time expression: at(yyyy-mm-ddThh:mm:ss), here in UTC. */
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("'at('yyyy-MM-dd'T'HH:mm:ss')'").withZone(ZoneOffset.UTC);

    private final SchedulerClient scheduler;
    private final RetrainConfig.QuietSchedule config;
    private final Clock clock;

    public QuietPeriod(SchedulerClient scheduler, RetrainConfig config, Clock clock) {
        this.scheduler = scheduler;
        this.config = config.quietSchedule();
        this.clock = clock;
    }

    /** Sets the schedule to fire one quiet period from now; returns when that is. */
    public Instant restart(String lastFile) {
        Instant at = clock.instant().plus(config.period()).truncatedTo(ChronoUnit.SECONDS);
        UpdateScheduleRequest update = UpdateScheduleRequest.builder()
                .groupName(config.group())
                .name(config.name())
                .scheduleExpression(AT.format(at))
                .scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(target(lastFile))
                .build();
        try {
            scheduler.updateSchedule(update);
        } catch (ResourceNotFoundException firstFileOfABurst) {
            scheduler.createSchedule(c -> c
                    .groupName(update.groupName())
                    .name(update.name())
                    .scheduleExpression(update.scheduleExpression())
                    .scheduleExpressionTimezone(update.scheduleExpressionTimezone())
                    .flexibleTimeWindow(update.flexibleTimeWindow())
                    .actionAfterCompletion(update.actionAfterCompletion())
                    .target(update.target()));
        }
        return at;
    }

    private Target target(String lastFile) {
        ObjectNode event = JSON.createObjectNode()
                .put("source", RetrainCauses.OWN_SOURCE)
                .put("detail-type", RetrainCauses.QUIET_PERIOD_OVER_TYPE)
                // Filled in by EventBridge Scheduler when it fires: the log line names the firing.
                .put("id", "<aws.scheduler.execution-id>")
                .put("time", "<aws.scheduler.scheduled-time>");
        event.putObject("detail").put("lastFile", lastFile);
        return Target.builder()
                .arn(config.targetArn())
                .roleArn(config.roleArn())
                .input(event.toString())
                .build();
    }
}
