package io.nightshift.workspace;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of {@code workspace.json}: the run's branch and base commit and, in order, the commit of each stage
 * attempt. Resume reads the last entry of a completed node to know where to {@link Workspace#resetTo reset}.
 */
public record WorkspaceLog(@JsonProperty("run_id") String runId, @JsonProperty("branch") String branch,
                           @JsonProperty("base_commit") String baseCommit,
                           @JsonProperty("stages") List<StageRecord> stages) {

    @JsonCreator
    public WorkspaceLog {
        Objects.requireNonNull(runId, "run_id");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(baseCommit, "base_commit");
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /** An empty log for {@code workspace}. */
    public static WorkspaceLog of(Workspace workspace) {
        return new WorkspaceLog(workspace.runId(), workspace.branch(), workspace.baseCommit(), List.of());
    }

    /** This log with {@code record} appended. */
    public WorkspaceLog with(StageRecord record) {
        List<StageRecord> more = new ArrayList<>(stages);
        more.add(record);
        return new WorkspaceLog(runId, branch, baseCommit, more);
    }

    /** The latest record for {@code node}, if any. */
    public Optional<StageRecord> latest(String node) {
        for (int i = stages.size() - 1; i >= 0; i--) {
            if (stages.get(i).node().equals(node)) {
                return Optional.of(stages.get(i));
            }
        }
        return Optional.empty();
    }
}
