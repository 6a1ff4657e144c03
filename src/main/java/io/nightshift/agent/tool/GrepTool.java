package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.sandbox.GrepOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code grep} (coding-agent spec 3.3): regex search as {@code path:line:text}. The optional
 * {@code output_mode} (Anthropic profile) also offers {@code files_with_matches} and {@code count}.
 */
final class GrepTool implements ToolExecutor {

    @Override
    public String execute(JsonNode args, ToolInvocation invocation) {
        String pattern = Arguments.string(args, "pattern");
        Integer max = Arguments.optionalInt(args, "max_results");
        GrepOptions options = new GrepOptions(Arguments.optionalString(args, "glob_filter"),
                Arguments.flag(args, "case_insensitive"), max == null ? 100 : max);
        String mode = Arguments.optionalString(args, "output_mode");
        String found = invocation.environment().grep(pattern, Arguments.optionalString(args, "path"),
                "content".equals(mode) || mode == null ? options
                        : new GrepOptions(options.globFilter(), options.caseInsensitive(), Integer.MAX_VALUE));
        if (found.isBlank()) {
            return "No matches for " + pattern;
        }
        if (mode == null || mode.equals("content")) {
            return found.strip();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String line : found.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.indexOf(':', colon + 1) > colon) {
                counts.merge(line.substring(0, colon), 1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        counts.forEach((file, count) -> out.append(mode.equals("count") ? file + ":" + count : file).append('\n'));
        return out.toString().strip();
    }
}
