package io.nightshift.llm;

import java.util.List;

/**
 * One catalog entry (unified-llm-spec 2.9). Costs are USD per million tokens, null when unknown; the cached-input
 * and cache-write prices are our additions (null: the provider has none, or it is unknown).
 */
public record ModelInfo(String id, String provider, String displayName, long contextWindow, Long maxOutput,
                        boolean supportsTools, boolean supportsVision, boolean supportsReasoning,
                        Double inputCostPerMillion, Double outputCostPerMillion, List<String> aliases,
                        Double cachedInputCostPerMillion, Double cacheWriteCostPerMillion) {

    public ModelInfo {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** The model's prices, when the catalog knows both its input and its output price. */
    public java.util.Optional<Pricing> pricing() {
        if (inputCostPerMillion == null || outputCostPerMillion == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Pricing(inputCostPerMillion, outputCostPerMillion, cachedInputCostPerMillion,
                cacheWriteCostPerMillion));
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
