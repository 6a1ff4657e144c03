package io.nightshift.twin.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * An incoming request as a dialect sees it.
 *
 * @param pathModel  the model named in the path (Gemini), else null
 * @param pathStream true when the route itself streams (Gemini {@code :streamGenerateContent})
 * @param body       the parsed JSON body (an object)
 */
public record Call(int seq, Map<String, String> headers, Map<String, String> query, String pathModel,
        boolean pathStream, JsonNode body, int bodyLength) {
}
