package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The code behind a tool (coding-agent spec 3.8 {@code executor}). Receives arguments already validated against
 * the tool's schema and acts only through {@link ToolInvocation#environment()}. Returns the full output; the
 * session truncates it for the model. A {@link ToolFailure} (or any exception) becomes an error result the
 * model sees. Must stop promptly when its thread is interrupted (the session was aborted).
 */
@FunctionalInterface
public interface ToolExecutor {

    String execute(JsonNode arguments, ToolInvocation invocation) throws Exception;
}
