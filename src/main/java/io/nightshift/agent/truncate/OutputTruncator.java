package io.nightshift.agent.truncate;

import java.util.Map;

/**
 * Shrinks tool output before the model sees it (coding-agent spec 5.1 to 5.3): characters first, always, then
 * lines where a line limit applies. The marker texts are the spec's format. Limits come from the session's
 * overrides, else the 5.2 / 5.3 defaults; tools without a default (custom tools) get the shell limits.
 */
public final class OutputTruncator {

    private static final Map<String, Integer> DEFAULT_CHARS = Map.of(
            "read_file", 50_000, "shell", 30_000, "grep", 20_000, "glob", 20_000, "edit_file", 10_000,
            "apply_patch", 10_000, "write_file", 1_000, "spawn_agent", 20_000);
    private static final Map<String, TruncationMode> DEFAULT_MODES = Map.of(
            "read_file", TruncationMode.HEAD_TAIL, "shell", TruncationMode.HEAD_TAIL, "grep", TruncationMode.TAIL,
            "glob", TruncationMode.TAIL, "edit_file", TruncationMode.TAIL, "apply_patch", TruncationMode.TAIL,
            "write_file", TruncationMode.TAIL, "spawn_agent", TruncationMode.HEAD_TAIL);
    private static final Map<String, Integer> DEFAULT_LINES = Map.of("shell", 256, "grep", 200, "glob", 500);
    private static final int FALLBACK_CHARS = 30_000;

    private final Map<String, Integer> charLimits;
    private final Map<String, Integer> lineLimits;

    /** @param charLimits and {@code lineLimits}: per-tool overrides ({@code SessionConfig}); may be empty */
    public OutputTruncator(Map<String, Integer> charLimits, Map<String, Integer> lineLimits) {
        this.charLimits = Map.copyOf(charLimits);
        this.lineLimits = Map.copyOf(lineLimits);
    }

    /** The text the model receives for {@code output} of {@code tool}. */
    public String truncate(String tool, String output) {
        int maxChars = charLimits.getOrDefault(tool, DEFAULT_CHARS.getOrDefault(tool, FALLBACK_CHARS));
        String result = byChars(output, maxChars, DEFAULT_MODES.getOrDefault(tool, TruncationMode.HEAD_TAIL));
        Integer maxLines = lineLimits.containsKey(tool) ? lineLimits.get(tool) : DEFAULT_LINES.get(tool);
        return maxLines == null ? result : byLines(result, maxLines);
    }

    /** Character truncation of coding-agent spec 5.1. */
    public static String byChars(String output, int maxChars, TruncationMode mode) {
        if (output.length() <= maxChars) {
            return output;
        }
        int removed = output.length() - maxChars;
        return switch (mode) {
            case HEAD_TAIL -> {
                int half = maxChars / 2;
                yield output.substring(0, half)
                        + "\n\n[WARNING: Tool output was truncated. " + removed
                        + " characters were removed from the middle. The full output is available in the event stream. "
                        + "If you need to see specific parts, re-run the tool with more targeted parameters.]\n\n"
                        + output.substring(output.length() - half);
            }
            case TAIL -> "[WARNING: Tool output was truncated. First " + removed
                    + " characters were removed. The full output is available in the event stream.]\n\n"
                    + output.substring(output.length() - maxChars);
        };
    }

    /** Line truncation of coding-agent spec 5.3 (head/tail split with an omission marker). */
    public static String byLines(String output, int maxLines) {
        String[] lines = output.split("\n", -1);
        if (lines.length <= maxLines) {
            return output;
        }
        int head = maxLines / 2;
        int tail = maxLines - head;
        int omitted = lines.length - head - tail;
        StringBuilder out = new StringBuilder();
        out.append(String.join("\n", java.util.Arrays.asList(lines).subList(0, head)));
        out.append("\n[... ").append(omitted).append(" lines omitted ...]\n");
        out.append(String.join("\n", java.util.Arrays.asList(lines).subList(lines.length - tail, lines.length)));
        return out.toString();
    }
}
