package io.nightshift.llm;

import java.util.List;

/** What an executing tool may know about its call (unified-llm-spec 5.2 context injection). */
public record ToolContext(List<Message> messages, CancellationToken cancellation, String toolCallId) {
}
