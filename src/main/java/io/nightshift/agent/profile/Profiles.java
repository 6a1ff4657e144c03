package io.nightshift.agent.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.agent.AgentException;
import io.nightshift.agent.tool.BuiltInTools;
import io.nightshift.agent.tool.RegisteredTool;
import io.nightshift.agent.tool.ToolExecutor;
import io.nightshift.agent.tool.ToolRegistry;
import io.nightshift.llm.Json;
import io.nightshift.llm.ModelCatalog;
import io.nightshift.llm.ModelInfo;
import io.nightshift.llm.ToolDefinition;
import java.util.List;
import java.util.Map;

/**
 * The three provider-aligned profiles (coding-agent spec 3.4 to 3.6). Capabilities per family: all stream and
 * run parallel tool calls; the Anthropic shell defaults to 120 s, the others use the session default (10 s).
 * The context window comes from the model catalog when the model is known there.
 */
public final class Profiles {

    public static final String OPENAI = "openai";
    public static final String ANTHROPIC = "anthropic";
    public static final String GEMINI = "gemini";
    static final long ANTHROPIC_SHELL_TIMEOUT_MS = 120_000;
    /** Reasoning effort as an extended-thinking budget in tokens (coding-agent spec 2.7). */
    static final Map<String, Integer> ANTHROPIC_THINKING_BUDGETS = Map.of("low", 2_048, "medium", 8_192, "high", 24_576);
    static final String INTERLEAVED_THINKING_BETA = "interleaved-thinking-2025-05-14";

    private Profiles() {
    }

    public static ProviderProfile openai(String model) {
        return forProvider(OPENAI, model, ProfileResources.classpath());
    }

    public static ProviderProfile anthropic(String model) {
        return forProvider(ANTHROPIC, model, ProfileResources.classpath());
    }

    public static ProviderProfile gemini(String model) {
        return forProvider(GEMINI, model, ProfileResources.classpath());
    }

    public static ProviderProfile forProvider(String provider, String model) {
        return forProvider(provider, model, ProfileResources.classpath());
    }

    public static ProviderProfile forProvider(String provider, String model, ProfileResources resources) {
        if (model == null || model.isBlank()) {
            throw new AgentException("a profile needs a model name", false);
        }
        ModelInfo info = ModelCatalog.builtIn().getModelInfo(model).orElse(null);
        int window = info == null ? defaultWindow(provider) : (int) Math.min(Integer.MAX_VALUE, info.contextWindow());
        boolean reasoning = info == null || info.supportsReasoning();
        return switch (provider) {
            case OPENAI -> new BuiltInProfile(OPENAI, model, registry(resources, OPENAI),
                    resources.systemPrompt(OPENAI), List.of("AGENTS.md", ".codex/instructions.md"), null, null,
                    reasoning, true, true, window, null, Map.of());
            case ANTHROPIC -> new BuiltInProfile(ANTHROPIC, model, registry(resources, ANTHROPIC),
                    resources.systemPrompt(ANTHROPIC), List.of("AGENTS.md", "CLAUDE.md"), ANTHROPIC_SHELL_TIMEOUT_MS,
                    anthropicOptions(), reasoning, true, true, window, null, ANTHROPIC_THINKING_BUDGETS);
            case GEMINI -> new BuiltInProfile(GEMINI, model, registry(resources, GEMINI),
                    resources.systemPrompt(GEMINI), List.of("AGENTS.md", "GEMINI.md"), null, geminiOptions(),
                    reasoning, true, true, window, null, Map.of());
            default -> throw new AgentException("unknown provider profile '" + provider
                    + "'; use openai, anthropic or gemini", false);
        };
    }

    private static ToolRegistry registry(ProfileResources resources, String provider) {
        ToolRegistry registry = new ToolRegistry();
        for (ToolDefinition definition : resources.tools(provider)) {
            ToolExecutor executor = BuiltInTools.executor(definition.name());
            if (executor == null) {
                throw new AgentException("agent-spec/profiles/" + provider + "/tools/" + definition.name()
                        + ".json names no built-in tool", false);
            }
            registry.register(new RegisteredTool(definition, executor));
        }
        return registry;
    }

    /** Anthropic: interleaved thinking, so extended thinking works between tool calls (3.5 beta headers). */
    private static ObjectNode anthropicOptions() {
        ObjectNode options = Json.object();
        options.putObject(ANTHROPIC).putArray("beta_headers").add(INTERLEAVED_THINKING_BETA);
        return options;
    }

    /**
     * Gemini (3.6): safety settings that let code about security and system administration through (only
     * high-probability dangerous content is blocked). Grounding is not configured: sandboxes have no network.
     */
    private static ObjectNode geminiOptions() {
        ObjectNode options = Json.object();
        var settings = options.putObject(GEMINI).putArray("safetySettings");
        settings.addObject().put("category", "HARM_CATEGORY_DANGEROUS_CONTENT").put("threshold", "BLOCK_ONLY_HIGH");
        return options;
    }

    private static int defaultWindow(String provider) {
        return switch (provider) {
            case GEMINI -> 1_048_576;
            case OPENAI -> 400_000;
            default -> 200_000;
        };
    }
}
