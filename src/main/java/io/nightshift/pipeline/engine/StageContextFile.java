package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.run.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code <stage>/context.json}: the context a stage saw when it started, as its fidelity lets it see it
 * (attractor-spec 5.4), so a reader of the run directory can tell what a stage was given (a convention of other
 * Attractor implementations). {@code full}: every key and value. {@code truncate}: the goal and the run id only.
 * The other modes: every key, each value cut to {@value #SHORT_VALUE} characters ({@code summary:high}:
 * {@value #LONG_VALUE}). Written by the engine for the reader; never read back.
 */
final class StageContextFile {

    static final String NAME = "context.json";
    static final int SHORT_VALUE = 200;
    static final int LONG_VALUE = 2_000;

    private StageContextFile() {
    }

    static String render(Map<String, Object> snapshot, String mode, String runId) {
        Map<String, Object> seen = project(snapshot, mode == null ? "compact" : mode, runId);
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(seen);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "{}";
        }
    }

    static Map<String, Object> project(Map<String, Object> snapshot, String mode, String runId) {
        if (mode.equals(Fidelity.FULL)) {
            return snapshot;
        }
        Map<String, Object> seen = new LinkedHashMap<>();
        if (mode.equals("truncate")) {
            seen.put("graph.goal", cut(snapshot.getOrDefault("graph.goal", ""), SHORT_VALUE));
            seen.put("run_id", runId);
            return seen;
        }
        int limit = mode.equals("summary:high") ? LONG_VALUE : SHORT_VALUE;
        snapshot.forEach((k, v) -> seen.put(k, cut(v, limit)));
        return seen;
    }

    private static Object cut(Object value, int limit) {
        if (value instanceof Number || value instanceof Boolean || value == null) {
            return value;
        }
        String text = value instanceof String s ? s : String.valueOf(value);
        if (text.length() <= limit) {
            return value;
        }
        return text.substring(0, limit) + " ...";
    }
}
