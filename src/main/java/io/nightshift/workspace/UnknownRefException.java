package io.nightshift.workspace;

import java.util.List;

/** The requested ref (branch, tag or commit) does not exist in the source. */
final class UnknownRefException extends WorkspaceException {

    private final String ref;
    private final List<String> availableBranches;

    public UnknownRefException(String ref, List<String> availableBranches, String message) {
        super(message, false);
        this.ref = ref;
        this.availableBranches = List.copyOf(availableBranches);
    }

    public String ref() {
        return ref;
    }

    /** Some branch names the source does have, to help the user pick one. */
    public List<String> availableBranches() {
        return availableBranches;
    }
}
