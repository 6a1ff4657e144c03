package io.nightshift.twin.dialect;

import io.nightshift.twin.script.Finish;
import io.nightshift.twin.script.Part;
import java.util.List;

/**
 * A scripted answer ready to render: parts in order, finish reason, usage, the id source, and the request body
 * it answers (for options such as Chat Completions' {@code stream_options.include_usage}).
 */
public record Answer(String model, List<Part> parts, Finish finish, Tokens tokens, Ids ids,
        com.fasterxml.jackson.databind.JsonNode request) {

    public Answer {
        parts = List.copyOf(parts);
    }
}
