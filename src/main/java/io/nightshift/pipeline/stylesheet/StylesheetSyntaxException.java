package io.nightshift.pipeline.stylesheet;

import io.nightshift.pipeline.PipelineException;

/**
 * A {@code model_stylesheet} that does not follow attractor-spec 8.2. {@code line} and {@code column} are 1-based
 * positions inside the stylesheet text, not the DOT file.
 */
public final class StylesheetSyntaxException extends PipelineException {

    private final int line;
    private final int column;
    private final String detail;

    public StylesheetSyntaxException(int line, int column, String detail) {
        super("model_stylesheet line " + line + ", column " + column + ": " + detail);
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String detail() {
        return detail;
    }
}
