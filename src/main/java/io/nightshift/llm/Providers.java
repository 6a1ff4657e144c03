package io.nightshift.llm;

import io.nightshift.llm.provider.anthropic.AnthropicAdapter;
import io.nightshift.llm.provider.compatible.ChatCompletionsAdapter;
import io.nightshift.llm.provider.gemini.GeminiAdapter;
import io.nightshift.llm.provider.openai.OpenAiAdapter;
import java.util.List;

/** Factories for the built-in adapters and their environment conventions (unified-llm-spec 2.2). */
public final class Providers {

    public static final String ANTHROPIC = "anthropic";
    public static final String OPENAI = "openai";
    public static final String GEMINI = "gemini";
    public static final String OPENAI_COMPATIBLE = "openai_compatible";

    /** The built-in provider names, in the order {@link Client#fromEnv} registers them. */
    public static final List<String> BUILT_IN = List.of(ANTHROPIC, OPENAI, GEMINI, OPENAI_COMPATIBLE);

    public static final String ANTHROPIC_DEFAULT_BASE = "https://api.anthropic.com";
    public static final String OPENAI_DEFAULT_BASE = "https://api.openai.com/v1";
    public static final String GEMINI_DEFAULT_BASE = "https://generativelanguage.googleapis.com";

    private Providers() {
    }

    public static ProviderAdapter anthropic(ProviderConfig config) {
        return new AnthropicAdapter(config);
    }

    public static ProviderAdapter openai(ProviderConfig config) {
        return new OpenAiAdapter(config);
    }

    public static ProviderAdapter openai(ProviderConfig config, String organization, String project) {
        return new OpenAiAdapter(config, organization, project);
    }

    public static ProviderAdapter gemini(ProviderConfig config) {
        return new GeminiAdapter(config);
    }

    /** A Chat Completions server (vLLM, Ollama, ...) registered under {@code name}; base URL ends in /v1. */
    public static ProviderAdapter openAiCompatible(String name, ProviderConfig config) {
        return new ChatCompletionsAdapter(name, config);
    }

    /** The environment variable that holds the key for a built-in provider, or null. */
    public static String keyVariable(String provider) {
        return switch (provider) {
            case ANTHROPIC -> "ANTHROPIC_API_KEY";
            case OPENAI -> "OPENAI_API_KEY";
            case GEMINI -> "GEMINI_API_KEY (or GOOGLE_API_KEY)";
            case OPENAI_COMPATIBLE -> "OPENAI_COMPATIBLE_BASE_URL";
            default -> null;
        };
    }
}
