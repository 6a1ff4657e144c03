package io.nightshift.twin.forge;

/**
 * A pull request (GitHub) or merge request (GitLab) as a forge twin holds it.
 *
 * @param forge   {@code github} or {@code gitlab}
 * @param project {@code OWNER/NAME} (GitHub) or the project's path (GitLab)
 * @param number  GitHub's {@code number}, GitLab's {@code iid}: counted per project from 1
 * @param head    the branch with the changes (GitHub {@code head}, GitLab {@code source_branch})
 * @param base    the branch they go into (GitHub {@code base}, GitLab {@code target_branch})
 * @param body    GitHub {@code body}, GitLab {@code description}
 * @param state   {@code open} / {@code closed} (GitHub), {@code opened} / {@code closed} (GitLab)
 */
public record ForgePullRequest(String forge, String project, int number, String head, String base, String title,
        String body, boolean draft, String state) {

    ForgePullRequest withTitle(String newTitle) {
        return new ForgePullRequest(forge, project, number, head, base, newTitle, body, draft, state);
    }

    ForgePullRequest withBody(String newBody) {
        return new ForgePullRequest(forge, project, number, head, base, title, newBody, draft, state);
    }

    ForgePullRequest withDraft(boolean newDraft) {
        return new ForgePullRequest(forge, project, number, head, base, title, body, newDraft, state);
    }

    ForgePullRequest withState(String newState) {
        return new ForgePullRequest(forge, project, number, head, base, title, body, draft, newState);
    }
}
