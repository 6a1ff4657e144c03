package io.nightshift.agent.tool;

import io.nightshift.llm.ToolDefinition;

/** A tool the model can call: what it sees and the code that runs (coding-agent spec 3.8). */
public record RegisteredTool(ToolDefinition definition, ToolExecutor executor) {

    public String name() {
        return definition.name();
    }
}
