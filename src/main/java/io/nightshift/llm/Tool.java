package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool for the high-level API (unified-llm-spec 5.1, 5.5): active when it has an executor (run
 * automatically by {@link Llm#generate}), passive otherwise (its calls are returned to the caller).
 */
public record Tool(ToolDefinition definition, ToolExecutor executor) {

    public static Tool active(String name, String description, JsonNode parameters, ToolExecutor executor) {
        return new Tool(new ToolDefinition(name, description, parameters), executor);
    }

    public static Tool passive(String name, String description, JsonNode parameters) {
        return new Tool(new ToolDefinition(name, description, parameters), null);
    }

    public String name() {
        return definition.name();
    }

    public boolean isActive() {
        return executor != null;
    }
}
