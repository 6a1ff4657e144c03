package io.nightshift.agent.prompt;

import io.nightshift.llm.ToolDefinition;
import java.util.List;

/**
 * Assembles the layered system prompt of coding-agent spec 6.1, in order: the profile's base instructions, the
 * environment context, the tool descriptions, the project instructions, and the user's overrides last.
 */
public final class SystemPromptBuilder {

    private SystemPromptBuilder() {
    }

    public static String build(String baseInstructions, EnvironmentContext environment, List<ToolDefinition> tools,
            String projectDocs, String userInstructions) {
        StringBuilder out = new StringBuilder(baseInstructions.strip());
        out.append("\n\n").append(environment.render());
        if (!tools.isEmpty()) {
            out.append("\n\n# Available tools\n");
            for (ToolDefinition tool : tools) {
                out.append("\n- ").append(tool.name()).append(": ").append(tool.description());
            }
        }
        if (projectDocs != null && !projectDocs.isBlank()) {
            out.append("\n\n# Project instructions\n\n").append(projectDocs.strip());
        }
        if (userInstructions != null && !userInstructions.isBlank()) {
            out.append("\n\n# Instructions from the user (these take precedence)\n\n").append(userInstructions.strip());
        }
        return out.toString();
    }
}
