package io.nightshift.pipeline.run;

import io.nightshift.pipeline.PipelineException;
import java.nio.file.Path;

/** A run-directory file could not be written or read; {@code path} names it. */
public final class RunFileException extends PipelineException {

    private final transient Path path;

    public RunFileException(Path path, String message, Throwable cause) {
        super(path + ": " + message, false, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
