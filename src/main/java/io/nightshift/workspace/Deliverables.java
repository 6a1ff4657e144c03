package io.nightshift.workspace;

import java.nio.file.Path;

/**
 * The files {@link Workspace#deliver(Path, boolean)} wrote and what happened to the source.
 *
 * @param patch       {@code changes.patch}: the run's commits since the base as a format-patch mailbox
 * @param bundle      {@code run.bundle}: the run branch, with the base commit as prerequisite
 * @param summary     {@code summary.md}: per commit its id, subject and diff numbers, with totals
 * @param baseCommit  where the run started
 * @param headCommit  the run branch's head
 * @param commitCount the commits in the patch
 */
public record Deliverables(Path patch, Path bundle, Path summary, String baseCommit, String headCommit,
                           int commitCount, PushOutcome push) {
}
