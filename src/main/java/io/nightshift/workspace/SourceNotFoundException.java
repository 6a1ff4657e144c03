package io.nightshift.workspace;

/** The source given for intake (or the directory to work in) does not exist or is not usable as given. */
public final class SourceNotFoundException extends WorkspaceException {

    private final String source;

    public SourceNotFoundException(String source, String message) {
        super(message, false);
        this.source = source;
    }

    /** The source as the user gave it, with any credentials removed. */
    public String source() {
        return source;
    }
}
