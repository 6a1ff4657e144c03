package io.nightshift.pipeline.handler;

import java.util.Map;

/**
 * What a run has done before the current stage (attractor-spec 5.3), as the engine knows it: a read-only view a
 * backend uses to tell a fresh agent session where the run stands. Safe from any thread.
 */
public interface RunSoFar {

    /** A run with nothing completed yet (tests, stand-alone handler calls). */
    RunSoFar NONE = of("unknown", Map.of());

    String runId();

    /** Completed node id to its status wire name, in completion order; a snapshot taken on each call. */
    Map<String, String> outcomes();

    static RunSoFar of(String runId, Map<String, String> outcomes) {
        Map<String, String> fixed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcomes));
        return new RunSoFar() {
            @Override
            public String runId() {
                return runId;
            }

            @Override
            public Map<String, String> outcomes() {
                return fixed;
            }
        };
    }
}
