package io.nightshift.forge;

/**
 * A pull or merge request as the forge answered.
 *
 * @param number  GitHub's {@code number}, GitLab's {@code iid}
 * @param url     the page people open (GitHub {@code html_url}, GitLab {@code web_url})
 * @param draft   whether the forge holds it as a draft
 * @param created true when this call opened it, false when it updated one already open
 */
public record PullRequest(int number, String url, boolean draft, String state, boolean created) {
}
