package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.sandbox.DirEntry;
import java.util.List;

/** {@code list_dir} (Gemini profile, coding-agent spec 3.6): entries with a trailing slash on directories. */
final class ListDirTool implements ToolExecutor {

    @Override
    public String execute(JsonNode args, ToolInvocation invocation) {
        String path = Arguments.optionalString(args, "path");
        Integer depth = Arguments.optionalInt(args, "depth");
        if (depth != null && depth < 1) {
            throw new ToolFailure("depth must be 1 or more, got " + depth);
        }
        List<DirEntry> entries = invocation.environment().listDirectory(path == null ? "." : path,
                depth == null ? 1 : depth);
        if (entries.isEmpty()) {
            return "(empty directory)";
        }
        StringBuilder out = new StringBuilder();
        for (DirEntry entry : entries) {
            out.append(entry.name()).append(entry.isDir() ? "/" : "");
            if (!entry.isDir() && entry.size() != null) {
                out.append(" (").append(entry.size()).append(" bytes)");
            }
            out.append('\n');
        }
        return out.toString().strip();
    }
}
