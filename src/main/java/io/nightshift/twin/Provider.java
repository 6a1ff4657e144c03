package io.nightshift.twin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The wire dialects the twin speaks, named as they appear in scripts and recordings. */
public enum Provider {
    /** Anthropic Messages API, {@code POST /v1/messages}. */
    ANTHROPIC("anthropic"),
    /** OpenAI Responses API, {@code POST /v1/responses}. */
    OPENAI("openai"),
    /** OpenAI-compatible Chat Completions, {@code POST /v1/chat/completions}. */
    OPENAI_CHAT("openai_chat"),
    /** Gemini API, {@code POST /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent}. */
    GEMINI("gemini");

    private final String wireName;

    Provider(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses a script or CLI name; the error lists the accepted names. */
    @JsonCreator
    public static Provider fromName(String name) {
        for (Provider p : values()) {
            if (p.wireName.equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown provider '" + name + "', expected one of "
                + Arrays.stream(values()).map(Provider::wireName).collect(Collectors.joining(", ")));
    }
}
