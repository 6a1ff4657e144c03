package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.agent.patch.LineMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code edit_file} (coding-agent spec 3.3): exact search and replace. {@code old_string} must occur once unless
 * {@code replace_all} is set (Anthropic) or {@code expected_replacements} gives the count (Gemini). When there is
 * no exact occurrence, a whitespace- and punctuation-lenient line match is tried and reported.
 */
final class EditFileTool implements ToolExecutor {

    @Override
    public String execute(JsonNode args, ToolInvocation invocation) {
        String path = Arguments.string(args, "file_path");
        String oldString = Arguments.string(args, "old_string");
        String newString = Arguments.string(args, "new_string");
        Integer expected = Arguments.optionalInt(args, "expected_replacements");
        boolean all = Arguments.flag(args, "replace_all");
        if (oldString.isEmpty()) {
            throw new ToolFailure("old_string is empty; to create a file use write_file");
        }
        if (oldString.equals(newString)) {
            throw new ToolFailure("old_string and new_string are identical; nothing to change");
        }
        String content = invocation.environment().readFile(path, null, null);
        int occurrences = countOccurrences(content, oldString);
        if (occurrences == 0) {
            return fuzzyEdit(invocation, path, content, oldString, newString);
        }
        if (expected != null && expected != occurrences) {
            throw new ToolFailure("expected " + expected + " occurrence(s) of old_string in " + path + " but found "
                    + occurrences + "; adjust expected_replacements or give more context");
        }
        if (occurrences > 1 && !all && expected == null) {
            throw new ToolFailure("old_string occurs " + occurrences + " times in " + path
                    + "; include more surrounding lines to make it unique, or set replace_all to change every one");
        }
        String updated = content.replace(oldString, newString);
        invocation.environment().writeFile(path, updated);
        return "Edited " + path + ": " + occurrences + " replacement" + (occurrences == 1 ? "" : "s");
    }

    private static String fuzzyEdit(ToolInvocation invocation, String path, String content, String oldString,
            String newString) {
        List<String> lines = new ArrayList<>(Arrays.asList(content.split("\n", -1)));
        List<String> needle = Arrays.asList(oldString.split("\n", -1));
        LineMatcher.Match match = LineMatcher.find(lines, needle, 0, false);
        if (match == null) {
            throw new ToolFailure("old_string was not found in " + path
                    + "; read the file again and copy the exact text, including indentation");
        }
        if (LineMatcher.count(lines, needle, match.leniency()) > 1) {
            throw new ToolFailure("old_string matches several places in " + path
                    + " once whitespace is ignored; include more surrounding lines");
        }
        List<String> replacement = Arrays.asList(newString.split("\n", -1));
        List<String> updated = new ArrayList<>(lines.subList(0, match.index()));
        updated.addAll(replacement);
        updated.addAll(lines.subList(match.index() + needle.size(), lines.size()));
        invocation.environment().writeFile(path, String.join("\n", updated));
        return "Edited " + path + ": 1 replacement (old_string matched only after normalising "
                + match.leniency().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
    }

    static int countOccurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }
}
