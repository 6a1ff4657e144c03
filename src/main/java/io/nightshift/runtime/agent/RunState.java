package io.nightshift.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.llm.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fresh session should know of the run so far, read from the run directory the engine keeps
 * ({@code manifest.json} for the run id, {@code checkpoint.json} for the completed stages and their outcomes,
 * attractor-spec 5.3 and 5.6). Missing or unreadable files give an empty state, never an error.
 *
 * @param outcomes completed node id to status wire name, in completion order
 */
record RunState(String runId, Map<String, String> outcomes) {

    static RunState read(Path stageDir) {
        Path runDir = stageDir.toAbsolutePath().getParent();
        if (runDir == null) {
            return new RunState("unknown", Map.of());
        }
        JsonNode manifest = readJson(runDir.resolve("manifest.json"));
        String runId = manifest == null ? null : manifest.path("run_id").asText(null);
        if (runId == null && manifest != null) {
            runId = manifest.path("runId").asText(null);
        }
        JsonNode checkpoint = readJson(runDir.resolve("checkpoint.json"));
        Map<String, String> outcomes = new LinkedHashMap<>();
        if (checkpoint != null) {
            List<String> completed = new ArrayList<>();
            checkpoint.path("completed_nodes").forEach(n -> completed.add(n.asText()));
            JsonNode byNode = checkpoint.path("node_outcomes");
            for (String node : completed) {
                outcomes.putIfAbsent(node, byNode.path(node).asText("completed"));
            }
        }
        return new RunState(runId == null ? runDir.getFileName().toString() : runId, outcomes);
    }

    private static JsonNode readJson(Path file) {
        try {
            return Files.isRegularFile(file) ? Json.MAPPER.readTree(file.toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
