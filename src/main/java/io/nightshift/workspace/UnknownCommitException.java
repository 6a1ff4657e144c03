package io.nightshift.workspace;

/** A commit id given to the workspace (reset, fork, merge, protected-path check) does not name a commit in it. */
final class UnknownCommitException extends WorkspaceException {

    private final String commitId;

    public UnknownCommitException(String commitId, String message) {
        super(message, false);
        this.commitId = commitId;
    }

    public String commitId() {
        return commitId;
    }
}
