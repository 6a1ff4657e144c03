package io.nightshift.agent.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.agent.prompt.EnvironmentContext;
import io.nightshift.agent.prompt.SystemPromptBuilder;
import io.nightshift.agent.tool.ToolRegistry;
import io.nightshift.llm.ToolDefinition;
import java.util.List;

/**
 * Tools, prompt and capabilities for one model family (coding-agent spec 3.2). The registry is live: tools
 * registered on it after creation are offered from the next LLM call on (3.7, latest registration wins).
 */
public interface ProviderProfile {

    /** {@code openai}, {@code anthropic} or {@code gemini}; also the llm provider name requests are routed to. */
    String id();

    String model();

    ToolRegistry toolRegistry();

    /** The profile's own base instructions (6.2). */
    String baseInstructions();

    /** Instruction files this profile loads besides AGENTS.md (6.5), e.g. {@code CLAUDE.md}. */
    List<String> projectDocNames();

    /** The shell tool's default timeout for this profile, or null for the session default (3.5). */
    Long shellTimeoutMs();

    /** Provider options for every request ({@code {"anthropic": {...}}}), or null. */
    ObjectNode providerOptions();

    boolean supportsReasoning();

    boolean supportsStreaming();

    boolean supportsParallelToolCalls();

    int contextWindowSize();

    /** The model's knowledge cutoff for the environment block, or null when unknown. */
    String knowledgeCutoff();

    /** A profile of the same family for another model, with an independent copy of the registry (subagents). */
    ProviderProfile withModel(String model);

    /**
     * The provider options for a request at the given reasoning effort (null = provider default). Profiles whose
     * adapter has no effort setting translate it here (Anthropic: a thinking budget, spec 2.7).
     */
    default ObjectNode requestOptions(String reasoningEffort) {
        return providerOptions();
    }

    /** The output token limit for a request at the given effort, or null for the adapter's default. */
    default Integer maxOutputTokens(String reasoningEffort) {
        return null;
    }

    default List<ToolDefinition> tools() {
        return toolRegistry().definitions();
    }

    /** The layered system prompt (6.1). */
    default String buildSystemPrompt(EnvironmentContext environment, String projectDocs, String userInstructions) {
        return SystemPromptBuilder.build(baseInstructions(), environment, tools(), projectDocs, userInstructions);
    }
}
