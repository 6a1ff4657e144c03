package io.nightshift.workspace;

import java.util.List;
import java.util.Optional;

/**
 * The workspace after {@link Workspace#resetTo(String)}.
 *
 * @param commitId        the commit the run branch and working tree now match
 * @param previousHead    the head before the reset
 * @param sideRef         the ref keeping what was there before ({@code refs/nightshift/<run>/interrupted/<n>}),
 *                        empty when head and working tree already matched {@code commitId}
 * @param removedPaths    untracked files removed from the working tree (their content is kept under the side ref)
 */
public record ResetResult(String commitId, String previousHead, Optional<String> sideRef, List<String> removedPaths) {

    public ResetResult {
        removedPaths = List.copyOf(removedPaths);
    }
}
