package io.nightshift.pipeline.dot;

import io.nightshift.pipeline.PipelineException;
import io.nightshift.pipeline.graph.SourceLocation;

/**
 * A DOT source that does not follow the supported grammar. The message reads
 * {@code file:line:col: what was expected, what was found}; {@link #detail()} is the part after the location.
 */
public final class DotSyntaxException extends PipelineException {

    private final SourceLocation location;
    private final String detail;

    public DotSyntaxException(SourceLocation location, String detail) {
        super(location + ": " + detail);
        this.location = location;
        this.detail = detail;
    }

    public SourceLocation location() {
        return location;
    }

    public String file() {
        return location.file();
    }

    public int line() {
        return location.line();
    }

    public int column() {
        return location.column();
    }

    public String detail() {
        return detail;
    }
}
