package io.nightshift.forge;

/**
 * The pull request Nightshift wants to exist: from {@code head} into {@code base}, with a title and a markdown
 * body, as a draft or ready for review.
 */
public record PullRequestSpec(String head, String base, String title, String body, boolean draft) {
}
