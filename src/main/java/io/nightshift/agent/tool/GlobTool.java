package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code glob} (coding-agent spec 3.3): matching paths, newest first, one per line. */
final class GlobTool implements ToolExecutor {

    @Override
    public String execute(JsonNode args, ToolInvocation invocation) {
        String pattern = Arguments.string(args, "pattern");
        List<String> files = invocation.environment().glob(pattern, Arguments.optionalString(args, "path"));
        return files.isEmpty() ? "No files match " + pattern : String.join("\n", files);
    }
}
