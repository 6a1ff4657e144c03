package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.sandbox.SandboxException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code read_many_files} (Gemini profile, coding-agent spec 3.6): reads several files, given as paths or
 * glob patterns, each under a {@code --- path ---} header. A file that cannot be read is reported in place.
 */
final class ReadManyFilesTool implements ToolExecutor {

    static final int MAX_FILES = 100;

    @Override
    public String execute(JsonNode args, ToolInvocation invocation) {
        JsonNode paths = args.get("paths");
        if (paths == null || !paths.isArray() || paths.isEmpty()) {
            throw new ToolFailure("paths must be a non-empty list of file paths or glob patterns");
        }
        Set<String> files = new LinkedHashSet<>();
        for (JsonNode item : paths) {
            String path = item.asText();
            if (path.contains("*") || path.contains("?")) {
                files.addAll(invocation.environment().glob(path, null));
            } else {
                files.add(path);
            }
        }
        if (files.isEmpty()) {
            return "No files match " + paths;
        }
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (String file : files) {
            if (++count > MAX_FILES) {
                out.append("[... ").append(files.size() - MAX_FILES).append(" more files not read; narrow the patterns]\n");
                break;
            }
            out.append("--- ").append(file).append(" ---\n");
            try {
                out.append(invocation.environment().readFile(file, null, null));
            } catch (SandboxException e) {
                out.append("[cannot read: ").append(e.getMessage()).append(']');
            }
            if (out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
