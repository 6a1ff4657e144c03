package io.nightshift.pipeline.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code manifest.json} (attractor-spec 5.6): pipeline name (graph id), goal, start time (ISO-8601), run id and
 * the DOT file the run came from. {@code restarted_from} names the previous run directory after a loop restart.
 * {@code simulated} is true when the run's LLM stages are answered by simulation, not a model (absent otherwise):
 * everything that reports on the run reads it from here.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String name, String goal, String startTime, String runId, String sourceFile,
        String restartedFrom, Boolean simulated) {

    public Manifest(String name, String goal, String startTime, String runId, String sourceFile,
            String restartedFrom) {
        this(name, goal, startTime, runId, sourceFile, restartedFrom, null);
    }

    /** True when the manifest says the run was simulated. */
    public boolean isSimulated() {
        return Boolean.TRUE.equals(simulated);
    }
}
