package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Best-effort parsing of an unfinished JSON document, for streamed structured output. The prefix is closed
 * (open string quoted, dangling comma or colon dropped, open brackets closed); if that does not parse, the
 * prefix is cut back to the previous structural boundary and tried again.
 */
final class PartialJson {

    private static final int MAX_TRIES = 64;

    private PartialJson() {
    }

    /** The value the prefix describes so far, or null when nothing usable has arrived. */
    static JsonNode parse(String text) {
        String s = stripFences(text);
        int end = s.length();
        for (int tries = 0; tries < MAX_TRIES && end > 0; tries++) {
            JsonNode node = Json.parseOrNull(close(s.substring(0, end)));
            if (node != null && (node.isObject() || node.isArray())) {
                return node;
            }
            end = previousBoundary(s, end);
        }
        return null;
    }

    /** Removes a Markdown code fence around the JSON, if any. */
    static String stripFences(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int newline = t.indexOf('\n');
            t = newline < 0 ? "" : t.substring(newline + 1);
            if (t.endsWith("```")) {
                t = t.substring(0, t.length() - 3);
            }
        }
        return t.strip();
    }

    private static int previousBoundary(String s, int end) {
        for (int i = end - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == ',') {
                return i;
            }
            if (c == '{' || c == '[') {
                return i + 1;
            }
        }
        return 0;
    }

    private static String close(String prefix) {
        Deque<Character> open = new ArrayDeque<>();
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{' -> open.push('}');
                case '[' -> open.push(']');
                case '}', ']' -> {
                    if (!open.isEmpty()) {
                        open.pop();
                    }
                }
                default -> { }
            }
        }
        StringBuilder out = new StringBuilder(prefix);
        if (inString) {
            if (escaped) {
                out.setLength(out.length() - 1);
            }
            out.append('"');
        }
        String trimmed = out.toString().stripTrailing();
        out.setLength(0);
        out.append(trimmed);
        if (out.length() > 0 && out.charAt(out.length() - 1) == ',') {
            out.setLength(out.length() - 1);
        }
        if (out.length() > 0 && out.charAt(out.length() - 1) == ':') {
            out.append("null");
        }
        while (!open.isEmpty()) {
            out.append(open.pop());
        }
        return out.toString();
    }
}
