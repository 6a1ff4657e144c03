package io.nightshift.agent.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.agent.tool.ToolRegistry;
import io.nightshift.llm.Json;
import java.util.List;
import java.util.Map;

/**
 * A profile defined by data: the family's prompt and tools from {@link ProfileResources}, the capabilities
 * from {@link Profiles}. Immutable except for its live tool registry.
 */
public record BuiltInProfile(String id, String model, ToolRegistry toolRegistry, String baseInstructions,
                             List<String> projectDocNames, Long shellTimeoutMs, ObjectNode providerOptions,
                             boolean supportsReasoning, boolean supportsStreaming, boolean supportsParallelToolCalls,
                             int contextWindowSize, String knowledgeCutoff, Map<String, Integer> thinkingBudgets)
        implements ProviderProfile {

    /** Output tokens left for the answer on top of a thinking budget. */
    static final int ANSWER_TOKENS = 8192;

    public BuiltInProfile {
        projectDocNames = List.copyOf(projectDocNames);
        thinkingBudgets = thinkingBudgets == null ? Map.of() : Map.copyOf(thinkingBudgets);
    }

    /** With a thinking budget for the effort: {@code {"<id>": {"thinking": {"type": "enabled", "budget_tokens": N}}}}. */
    @Override
    public ObjectNode requestOptions(String reasoningEffort) {
        Integer budget = reasoningEffort == null ? null : thinkingBudgets.get(reasoningEffort);
        if (budget == null) {
            return providerOptions;
        }
        ObjectNode options = providerOptions == null ? Json.object() : providerOptions.deepCopy();
        ObjectNode mine = options.has(id) ? (ObjectNode) options.get(id) : options.putObject(id);
        mine.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        return options;
    }

    @Override
    public Integer maxOutputTokens(String reasoningEffort) {
        Integer budget = reasoningEffort == null ? null : thinkingBudgets.get(reasoningEffort);
        return budget == null ? null : budget + ANSWER_TOKENS;
    }

    @Override
    public ProviderProfile withModel(String newModel) {
        return new BuiltInProfile(id, newModel, toolRegistry.copy(), baseInstructions, projectDocNames,
                shellTimeoutMs, providerOptions, supportsReasoning, supportsStreaming, supportsParallelToolCalls,
                contextWindowSize, knowledgeCutoff, thinkingBudgets);
    }
}
