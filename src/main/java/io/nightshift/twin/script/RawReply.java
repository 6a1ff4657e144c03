package io.nightshift.twin.script;

import java.util.Map;

/**
 * A recorded answer replayed byte for byte (what record-and-replay writes): status, headers and body.
 */
public record RawReply(Integer status, Map<String, String> headers, String body) {

    public RawReply {
        if (status == null) {
            status = 200;
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (body == null) {
            body = "";
        }
    }
}
