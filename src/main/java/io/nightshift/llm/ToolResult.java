package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;

/** The result of executing one tool call (unified-llm-spec 5.4); {@code content} is a JSON string or structure. */
public record ToolResult(String toolCallId, JsonNode content, boolean isError) {
}
