package io.nightshift.workspace;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.util.Objects;

/**
 * One stage attempt in {@code workspace.json}: the node, the attempt (1-based), the commit the workspace was at
 * after it (the new commit, or the unchanged head), the outcome as the engine names it, and when.
 */
public record StageRecord(String node, int attempt, String commit, String outcome,
                          @JsonSerialize(using = ToStringSerializer.class) Instant time) {

    public StageRecord {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(time, "time");
    }

    @JsonCreator
    static StageRecord fromJson(@JsonProperty("node") String node, @JsonProperty("attempt") int attempt,
                                @JsonProperty("commit") String commit, @JsonProperty("outcome") String outcome,
                                @JsonProperty("time") String time) {
        if (node == null || commit == null || time == null) {
            throw new IllegalArgumentException("a stage entry needs node, commit and time");
        }
        return new StageRecord(node, attempt, commit, outcome, Instant.parse(time));
    }
}
