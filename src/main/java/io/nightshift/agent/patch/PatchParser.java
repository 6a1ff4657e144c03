package io.nightshift.agent.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the v4a patch format of coding-agent spec Appendix A:
 * <pre>
 * patch       = "*** Begin Patch" NL operation* "*** End Patch" [NL]
 * operation   = "*** Add File: " path NL ("+" line NL)*
 *             | "*** Delete File: " path NL
 *             | "*** Update File: " path NL ["*** Move to: " path NL] hunk+
 * hunk        = ["@@" [" " hint] NL] (" " line | "-" line | "+" line | "" NL)+ ["*** End of File" NL]
 * </pre>
 * The {@code @@} line may be left out for the first hunk of a file. A blank line inside a hunk counts as an
 * empty context line. Errors name the line number and what was expected.
 */
public final class PatchParser {

    private static final String BEGIN = "*** Begin Patch";
    private static final String END = "*** End Patch";
    private static final String ADD = "*** Add File: ";
    private static final String DELETE = "*** Delete File: ";
    private static final String UPDATE = "*** Update File: ";
    private static final String MOVE = "*** Move to: ";
    private static final String EOF_MARKER = "*** End of File";

    private final String[] lines;
    private int pos;

    private PatchParser(String text) {
        this.lines = text.replace("\r\n", "\n").split("\n", -1);
    }

    public static Patch parse(String text) {
        if (text == null || text.isBlank()) {
            throw new PatchException("the patch is empty; it must start with '" + BEGIN + "' and end with '" + END + "'");
        }
        return new PatchParser(text.strip()).patch();
    }

    private Patch patch() {
        if (!lines[0].strip().equals(BEGIN)) {
            throw error(1, "the first line must be '" + BEGIN + "', found '" + lines[0] + "'");
        }
        int last = lines.length - 1;
        if (!lines[last].strip().equals(END)) {
            throw error(last + 1, "the last line must be '" + END + "', found '" + lines[last] + "'");
        }
        pos = 1;
        List<Patch.Operation> operations = new ArrayList<>();
        while (pos < last) {
            String line = lines[pos];
            if (line.startsWith(ADD)) {
                operations.add(addFile(path(line, ADD), last));
            } else if (line.startsWith(DELETE)) {
                operations.add(new Patch.DeleteFile(path(line, DELETE)));
                pos++;
            } else if (line.startsWith(UPDATE)) {
                operations.add(updateFile(path(line, UPDATE), last));
            } else if (line.isBlank()) {
                pos++;
            } else {
                throw error(pos + 1, "expected '" + ADD + "', '" + DELETE + "' or '" + UPDATE + "', found '" + line + "'");
            }
        }
        if (operations.isEmpty()) {
            throw new PatchException("the patch contains no file operations");
        }
        return new Patch(operations);
    }

    private String path(String line, String prefix) {
        String path = line.substring(prefix.length()).strip();
        if (path.isEmpty()) {
            throw error(pos + 1, "'" + prefix.strip() + "' needs a file path");
        }
        return path;
    }

    private Patch.AddFile addFile(String path, int last) {
        pos++;
        StringBuilder content = new StringBuilder();
        while (pos < last && !lines[pos].startsWith("*** ")) {
            String line = lines[pos];
            if (!line.startsWith("+")) {
                throw error(pos + 1, "every line of an added file must start with '+', found '" + line + "'");
            }
            content.append(line, 1, line.length()).append('\n');
            pos++;
        }
        return new Patch.AddFile(path, content.toString());
    }

    private Patch.UpdateFile updateFile(String path, int last) {
        int header = pos + 1;
        pos++;
        String moveTo = null;
        if (pos < last && lines[pos].startsWith(MOVE)) {
            moveTo = path(lines[pos], MOVE);
            pos++;
        }
        List<Patch.Hunk> hunks = new ArrayList<>();
        while (pos < last && !isOperation(lines[pos])) {
            hunks.add(hunk(last, hunks.isEmpty()));
        }
        if (hunks.isEmpty() && moveTo == null) {
            throw error(header, "'" + UPDATE + path + "' has no hunks; add '@@' hunks with the lines to change");
        }
        return new Patch.UpdateFile(path, moveTo, hunks);
    }

    private Patch.Hunk hunk(int last, boolean first) {
        String hint = null;
        String line = lines[pos];
        if (line.startsWith("@@")) {
            String rest = line.substring(2).strip();
            hint = rest.isEmpty() ? null : rest;
            pos++;
        } else if (!first) {
            throw error(pos + 1, "expected a new hunk starting with '@@', found '" + line + "'");
        }
        List<String> oldLines = new ArrayList<>();
        List<String> newLines = new ArrayList<>();
        List<Integer> contextIndex = new ArrayList<>();
        boolean endOfFile = false;
        int start = pos;
        while (pos < last) {
            line = lines[pos];
            if (line.equals(EOF_MARKER) || line.strip().equals(EOF_MARKER)) {
                endOfFile = true;
                pos++;
                break;
            }
            if (line.startsWith("@@") || isOperation(line)) {
                break;
            }
            if (line.isEmpty()) {
                contextIndex.add(oldLines.size());
                oldLines.add("");
                newLines.add("");
            } else {
                char kind = line.charAt(0);
                String text = line.substring(1);
                switch (kind) {
                    case ' ' -> {
                        contextIndex.add(oldLines.size());
                        oldLines.add(text);
                        newLines.add(text);
                    }
                    case '-' -> oldLines.add(text);
                    case '+' -> {
                        contextIndex.add(-1);
                        newLines.add(text);
                    }
                    default -> throw error(pos + 1, "a hunk line must start with ' ', '-' or '+', found '" + line + "'");
                }
            }
            pos++;
        }
        if (pos == start || oldLines.isEmpty() && newLines.isEmpty()) {
            throw error(start, "the hunk is empty; give context lines (' '), removals ('-') or additions ('+')");
        }
        return new Patch.Hunk(hint, oldLines, newLines, contextIndex, endOfFile);
    }

    private static boolean isOperation(String line) {
        return line.startsWith(ADD) || line.startsWith(DELETE) || line.startsWith(UPDATE);
    }

    private static PatchException error(int lineNumber, String message) {
        return new PatchException("patch line " + lineNumber + ": " + message);
    }
}
