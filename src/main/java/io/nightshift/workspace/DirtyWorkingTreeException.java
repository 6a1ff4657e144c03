package io.nightshift.workspace;

import java.util.List;

/** A working tree that must be clean has uncommitted changes; {@code dirtyPaths} lists them. */
public final class DirtyWorkingTreeException extends WorkspaceException {

    private final List<String> dirtyPaths;

    public DirtyWorkingTreeException(String message, List<String> dirtyPaths) {
        super(message, false);
        this.dirtyPaths = List.copyOf(dirtyPaths);
    }

    public List<String> dirtyPaths() {
        return dirtyPaths;
    }
}
