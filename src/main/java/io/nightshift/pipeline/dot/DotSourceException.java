package io.nightshift.pipeline.dot;

import io.nightshift.pipeline.PipelineException;
import io.nightshift.pipeline.graph.SourceLocation;

/**
 * A pipeline source that cannot be read as text: missing, unreadable, a directory, too large, or not UTF-8.
 * {@link #location()} has line and column only for encoding errors; otherwise it names just the file.
 */
public final class DotSourceException extends PipelineException {

    private final SourceLocation location;
    private final String detail;

    public DotSourceException(SourceLocation location, String detail, Throwable cause) {
        super(location + ": " + detail, false, cause);
        this.location = location;
        this.detail = detail;
    }

    public SourceLocation location() {
        return location;
    }

    /** The message without the location prefix. */
    public String detail() {
        return detail;
    }
}
