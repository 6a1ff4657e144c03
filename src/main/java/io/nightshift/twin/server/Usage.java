package io.nightshift.twin.server;

import io.nightshift.twin.dialect.Json;
import io.nightshift.twin.dialect.Tokens;
import io.nightshift.twin.script.Part;
import io.nightshift.twin.script.Reply;
import io.nightshift.twin.script.UsageSpec;

/** Resolves a reply's token counts: scripted numbers win, the rest is estimated at four characters a token. */
final class Usage {

    private Usage() {
    }

    static Tokens resolve(Reply reply, int requestChars) {
        int visible = 0;
        int thinking = 0;
        for (Part part : reply.parts()) {
            switch (part) {
                case Part.Text t -> visible += t.text().length();
                case Part.ToolCall c -> visible += c.name().length() + Json.argumentText(c).length();
                case Part.Thinking t -> thinking += t.thinking().length();
                case Part.RedactedThinking r -> thinking += r.data().length();
            }
        }
        UsageSpec spec = reply.usage() != null ? reply.usage() : new UsageSpec(null, null, null, null, null);
        int reasoning = or(spec.reasoningTokens(), (thinking + 3) / 4);
        return new Tokens(
                or(spec.inputTokens(), Math.max(1, requestChars / 4)),
                or(spec.outputTokens(), Math.max(1, (visible + 3) / 4 + reasoning)),
                or(spec.cacheReadTokens(), 0),
                or(spec.cacheWriteTokens(), 0),
                reasoning);
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }
}
