package io.nightshift.llm;

import java.util.List;

/** One catalog entry (unified-llm-spec 2.9). Costs are USD per million tokens, null when unknown. */
public record ModelInfo(String id, String provider, String displayName, long contextWindow, Long maxOutput,
                        boolean supportsTools, boolean supportsVision, boolean supportsReasoning,
                        Double inputCostPerMillion, Double outputCostPerMillion, List<String> aliases) {

    public ModelInfo {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** Whether the model has the named capability: "tools", "vision" or "reasoning". */
    public boolean supports(String capability) {
        return switch (capability) {
            case "tools" -> supportsTools;
            case "vision" -> supportsVision;
            case "reasoning" -> supportsReasoning;
            default -> throw new IllegalArgumentException("unknown capability '" + capability
                    + "'; use tools, vision or reasoning");
        };
    }
}
