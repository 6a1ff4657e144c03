package io.nightshift.pipeline.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.nightshift.pipeline.state.Outcome;

/**
 * A node's latest outcome as {@code checkpoint.json}'s {@code node_outcomes} records it: the status and why, so a
 * reader of the checkpoint alone sees how each stage ended (the convention other Attractor implementations and the
 * community conformance suite follow). Checkpoints written before held the status alone, as a string; they still
 * read.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NodeOutcome(String status, String preferredLabel, String notes, String failureReason) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public NodeOutcome(@JsonProperty("status") String status, @JsonProperty("preferred_label") String preferredLabel,
            @JsonProperty("notes") String notes, @JsonProperty("failure_reason") String failureReason) {
        this.status = status == null || status.isBlank() ? "success" : status;
        this.preferredLabel = preferredLabel == null ? "" : preferredLabel;
        this.notes = notes == null ? "" : notes;
        this.failureReason = failureReason == null ? "" : failureReason;
    }

    /** An older checkpoint's entry: the status wire name only. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static NodeOutcome ofStatus(String status) {
        return new NodeOutcome(status, "", "", "");
    }

    public static NodeOutcome of(Outcome o) {
        return new NodeOutcome(o.status().wireName(), o.preferredLabel(), o.notes(), o.failureReason());
    }
}
