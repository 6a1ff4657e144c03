package io.nightshift.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.runtime.service.InvalidSubmissionException;
import io.nightshift.runtime.service.RunBounds;

/**
 * Reads the bound fields of a request body ({@code max_tokens}, {@code max_cost_usd}, {@code max_time},
 * {@code stall_timeout}) as JSON trees, so a wrong type is answered with the field's name rather than a
 * deserialisation error.
 */
final class BoundsFields {

    private BoundsFields() {
    }

    static RunBounds read(JsonNode maxTokens, JsonNode maxCostUsd, JsonNode maxTime, JsonNode stallTimeout) {
        return RunBounds.parse(scalar("max_tokens", maxTokens), scalar("max_cost_usd", maxCostUsd),
                scalar("max_time", maxTime), scalar("stall_timeout", stallTimeout));
    }

    /** A number or a string as text; null for absent or JSON null. */
    private static String scalar(String field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber() || value.isTextual()) {
            return value.asText();
        }
        throw new InvalidSubmissionException("\"" + field + "\" is " + value + ": give a number, or for durations "
                + "a string such as \"15m\"");
    }
}
