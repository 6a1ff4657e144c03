package io.nightshift.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * What a tool answers: a JSON document (as text content, and as structured content for clients that read it), or a
 * refusal whose text says what was wrong and how to fix it. A refusal is a tool error ({@code isError}), not a
 * protocol error, so the model calling the tool sees the message.
 */
record ToolReply(Map<String, Object> document, String refusal) {

    static ToolReply of(Map<String, Object> document) {
        return new ToolReply(document, null);
    }

    static ToolReply refused(String message) {
        return new ToolReply(null, message);
    }

    McpSchema.CallToolResult toResult(com.fasterxml.jackson.databind.ObjectMapper json) {
        if (refusal != null) {
            return McpSchema.CallToolResult.builder().addTextContent(refusal).isError(true).build();
        }
        try {
            return McpSchema.CallToolResult.builder().addTextContent(json.writeValueAsString(document))
                    .structuredContent(document).isError(false).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return McpSchema.CallToolResult.builder().addTextContent("cannot write the answer as JSON: "
                    + e.getOriginalMessage()).isError(true).build();
        }
    }
}
