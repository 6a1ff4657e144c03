package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs an active tool (unified-llm-spec 5.2). Returns a String, a JsonNode or any Jackson-serialisable value.
 * Throwing reports a failed tool to the model as an error result; it does not end the generation. May be
 * called concurrently with other calls of the same or other tools.
 */
@FunctionalInterface
public interface ToolExecutor {
    Object execute(JsonNode arguments, ToolContext context) throws Exception;
}
