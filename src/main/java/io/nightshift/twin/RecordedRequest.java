package io.nightshift.twin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One request the twin received, in arrival order.
 *
 * @param seq      1-based arrival number since start or the last {@link TwinServer#reset}
 * @param provider the dialect its route belongs to, {@code null} for an unknown route
 * @param method   HTTP method
 * @param path     path without the query, e.g. {@code /v1beta/models/gemini-3-flash-preview:generateContent}
 * @param query    decoded query parameters (last value wins)
 * @param headers  headers with lower-cased names (last value wins)
 * @param body     the raw body as received (UTF-8)
 * @param json     the body parsed as JSON, {@code null} when it is not valid JSON
 */
public record RecordedRequest(int seq, Provider provider, String method, String path, Map<String, String> query,
        Map<String, String> headers, String body, JsonNode json) {

    public RecordedRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** A header by case-insensitive name, or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
