package io.nightshift.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /pipelines/{id}/resume} (optional): bounds that replace the run's, {@code max_tokens},
 * {@code max_cost_usd}, {@code max_time}, {@code stall_timeout}; the ones not given stay as they were.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResumeRequest(JsonNode maxTokens, JsonNode maxCostUsd, JsonNode maxTime, JsonNode stallTimeout) {
}
