package io.nightshift.agent.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.agent.tool.ToolRegistry;
import java.util.List;

/**
 * A profile defined by data: the family's prompt and tools from {@link ProfileResources}, the capabilities
 * from {@link Profiles}. Immutable except for its live tool registry.
 */
public record BuiltInProfile(String id, String model, ToolRegistry toolRegistry, String baseInstructions,
                             List<String> projectDocNames, Long shellTimeoutMs, ObjectNode providerOptions,
                             boolean supportsReasoning, boolean supportsStreaming, boolean supportsParallelToolCalls,
                             int contextWindowSize, String knowledgeCutoff) implements ProviderProfile {

    public BuiltInProfile {
        projectDocNames = List.copyOf(projectDocNames);
    }

    @Override
    public ProviderProfile withModel(String newModel) {
        return new BuiltInProfile(id, newModel, toolRegistry.copy(), baseInstructions, projectDocNames,
                shellTimeoutMs, providerOptions, supportsReasoning, supportsStreaming, supportsParallelToolCalls,
                contextWindowSize, knowledgeCutoff);
    }
}
