package io.nightshift.twin;

import java.nio.file.Path;

/**
 * A script file that cannot be read or does not follow the format of {@code docs/twin.md}. The message is
 * one line: {@code file:line:col: error: what is wrong (at json.path)}; line and column are 0 when unknown.
 */
public final class TwinScriptException extends TwinException {

    private final Path file;
    private final int line;
    private final int column;

    public TwinScriptException(Path file, int line, int column, String problem, Throwable cause) {
        super(format(file, line, column, problem), false, cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    private static String format(Path file, int line, int column, String problem) {
        String where = file == null ? "<script>" : file.toString();
        return line > 0 ? where + ":" + line + ":" + column + ": error: " + problem : where + ": error: " + problem;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
