package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** {@code write_file} (coding-agent spec 3.3): writes the whole file, creating parent directories. */
final class WriteFileTool implements ToolExecutor {

    @Override
    public String execute(JsonNode args, ToolInvocation invocation) {
        String path = Arguments.string(args, "file_path");
        String content = Arguments.string(args, "content");
        invocation.environment().writeFile(path, content);
        return "Wrote " + content.getBytes(StandardCharsets.UTF_8).length + " bytes to " + path;
    }
}
