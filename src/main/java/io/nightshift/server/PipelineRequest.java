package io.nightshift.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * Body of {@code POST /pipelines}: {@code {"dot", "simulate", "auto_approve", "goal", "set", "max_tokens",
 * "max_cost_usd", "max_time", "stall_timeout"}}. {@code simulate} is false unless given (and refused unless the
 * operator allows it).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PipelineRequest(String dot, Boolean simulate, Boolean autoApprove, String goal,
        Map<String, String> set, JsonNode maxTokens, JsonNode maxCostUsd, JsonNode maxTime, JsonNode stallTimeout) {
}
