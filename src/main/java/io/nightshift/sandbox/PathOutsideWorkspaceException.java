package io.nightshift.sandbox;

/** A path given to a file operation or as a working directory resolves outside the workspace. */
public final class PathOutsideWorkspaceException extends SandboxException {

    private final String path;
    private final String workspace;

    public PathOutsideWorkspaceException(String path, String workspace) {
        super("path '" + path + "' resolves outside the workspace " + workspace
                + "; use a path inside the workspace (relative paths are resolved against it)", false);
        this.path = path;
        this.workspace = workspace;
    }

    public String path() {
        return path;
    }

    public String workspace() {
        return workspace;
    }
}
