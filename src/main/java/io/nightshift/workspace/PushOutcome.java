package io.nightshift.workspace;

/** What delivery did with the run branch and the source repository. */
public sealed interface PushOutcome
        permits PushOutcome.LocalRefUpdated, PushOutcome.Pushed, PushOutcome.AlreadyInSource, PushOutcome.Skipped,
        PushOutcome.Rejected {

    /** The local source repository got (or kept) {@code ref} at {@code commitId}; its checkout was not touched. */
    record LocalRefUpdated(String repository, String ref, String commitId) implements PushOutcome {
    }

    /** The run branch was pushed to the remote. */
    record Pushed(String url, String ref, String commitId) implements PushOutcome {
    }

    /** The workspace is the source (working in place): the branch is already there. */
    record AlreadyInSource(String ref, String commitId) implements PushOutcome {
    }

    /** Nothing was pushed, for {@code reason} (e.g. a remote source without the explicit push flag). */
    record Skipped(String reason) implements PushOutcome {
    }

    /** The source refused the update (e.g. not a fast-forward); not retried. */
    record Rejected(String target, String ref, String reason) implements PushOutcome {
    }
}
