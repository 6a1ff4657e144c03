package io.nightshift.pipeline.stylesheet;

import java.util.List;
import java.util.Map;

/** The properties a stylesheet may set (attractor-spec 8.4). */
public final class StyleProperties {

    public static final String LLM_MODEL = "llm_model";
    public static final String LLM_PROVIDER = "llm_provider";
    public static final String REASONING_EFFORT = "reasoning_effort";

    public static final List<String> ALL = List.of(LLM_MODEL, LLM_PROVIDER, REASONING_EFFORT);

    /** The values {@code reasoning_effort} accepts, here and as a node attribute. */
    public static final List<String> REASONING_EFFORTS = List.of("low", "medium", "high");

    /**
     * Names other Attractor implementations write for the same properties, read as the spec's: {@code model} and
     * {@code provider} (the shorter spelling some peers' stylesheets use) mean nothing else.
     */
    public static final Map<String, String> ALIASES = Map.of("model", LLM_MODEL, "provider", LLM_PROVIDER);

    private StyleProperties() {
    }
}
