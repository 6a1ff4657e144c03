package io.nightshift.forge;

/** One repository on one forge. Implementations are thread-safe and keep no state between calls. */
public interface ForgeClient {

    /** The repository's default branch, where a pull request goes when the run named no base. */
    String defaultBranch();

    /**
     * Makes {@code spec} true: updates the open pull request from {@code spec.head()} when there is one (title,
     * body and, where the REST API allows it, draft state), else opens one. Idempotent: calling it again with the
     * same spec changes nothing and opens nothing.
     *
     * @throws ForgeException on any failure, as one line
     */
    PullRequest openOrUpdate(PullRequestSpec spec);
}
