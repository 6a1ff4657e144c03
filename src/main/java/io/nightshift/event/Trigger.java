package io.nightshift.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * What started a run (issue 17): serialised as {@code {"kind": ..., ...}} with only the fields its kind has, in the
 * run's {@code submission.json}, its status ({@code GET /jobs/{id}}, {@code GET /pipelines/{id}}) and its
 * {@code pipeline_started} event.
 *
 * @param kind {@code api} ({@code POST /jobs}, {@code POST /pipelines}), {@code mcp}, {@code webhook},
 *        {@code schedule} or {@code cli} ({@code nightshift run})
 * @param deliveryId for {@code webhook}: the delivery's {@code X-GitHub-Delivery} id
 * @param issueUrl for {@code webhook}: the issue's page
 * @param schedule for {@code schedule}: the schedule's name in the configuration
 * @param dueAt for {@code schedule}: the due time it fired for (not when it fired)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Trigger(String kind, String deliveryId, String issueUrl, String schedule, Instant dueAt) {

    public static final String API = "api";
    public static final String MCP = "mcp";
    public static final String WEBHOOK = "webhook";
    public static final String SCHEDULE = "schedule";
    public static final String CLI = "cli";

    public Trigger {
        kind = kind == null || kind.isBlank() ? API : kind;
    }

    public static Trigger api() {
        return new Trigger(API, null, null, null, null);
    }

    public static Trigger mcp() {
        return new Trigger(MCP, null, null, null, null);
    }

    public static Trigger cli() {
        return new Trigger(CLI, null, null, null, null);
    }

    public static Trigger webhook(String deliveryId, String issueUrl) {
        return new Trigger(WEBHOOK, deliveryId, issueUrl, null, null);
    }

    public static Trigger schedule(String name, Instant dueAt) {
        return new Trigger(SCHEDULE, null, null, name, dueAt);
    }
}
