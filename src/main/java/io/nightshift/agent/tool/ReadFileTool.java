package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code read_file} (coding-agent spec 3.3): line-numbered text, {@code offset} 1-based, {@code limit} 2000 lines by default. */
final class ReadFileTool implements ToolExecutor {

    static final int DEFAULT_LIMIT = 2000;

    @Override
    public String execute(JsonNode args, ToolInvocation invocation) {
        String path = Arguments.string(args, "file_path");
        Integer offset = Arguments.optionalInt(args, "offset");
        Integer limit = Arguments.optionalInt(args, "limit");
        int first = offset == null ? 1 : offset;
        String text = invocation.environment().readFile(path, first, limit == null ? DEFAULT_LIMIT : limit);
        if (text.isEmpty()) {
            return "(the file is empty)";
        }
        return numbered(text, first);
    }

    /** Prefixes each line with its number in the {@code NNN | content} form. */
    static String numbered(String text, int first) {
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        int width = String.valueOf(first + count - 1).length();
        StringBuilder out = new StringBuilder(text.length() + count * (width + 4));
        for (int i = 0; i < count; i++) {
            String number = String.valueOf(first + i);
            out.append(" ".repeat(width - number.length())).append(number).append(" | ").append(lines[i]);
            if (i + 1 < count) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
