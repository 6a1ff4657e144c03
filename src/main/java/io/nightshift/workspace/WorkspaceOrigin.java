package io.nightshift.workspace;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a run must remember about its workspace to reopen it and deliver it after a crash: where the working tree
 * is, whether it was cloned or adopted in place, and where the work goes back to. Nightshift keeps this in the run
 * directory, out of the agent's reach; it is never read back from the workspace's {@code .git/config}, which the
 * agent can rewrite to send the run branch into another repository. Holds no credentials: {@code url} is shown
 * with user info removed, and tokens come from the environment again on resume.
 *
 * @param mode             {@code clone} or {@code in_place}
 * @param directory        the working tree
 * @param source           the source as shown to people (credentials removed)
 * @param sourceRepository the local source repository delivery writes the run branch into; null for a remote
 *                         source or an in-place workspace
 * @param url              the remote URL a push goes to (credentials removed); null when there is none
 */
public record WorkspaceOrigin(String mode, String directory, String source, String sourceRepository, String url) {

    public static final String CLONE = "clone";
    public static final String IN_PLACE = "in_place";

    public WorkspaceOrigin {
        if (!CLONE.equals(mode) && !IN_PLACE.equals(mode)) {
            throw new IllegalArgumentException("workspace mode must be '" + CLONE + "' or '" + IN_PLACE + "', not '"
                    + mode + "'");
        }
        Objects.requireNonNull(directory, "directory");
        url = Remotes.redact(url);
    }

    Workspace.Kind kind() {
        return mode.equals(CLONE) ? Workspace.Kind.CLONE : Workspace.Kind.IN_PLACE;
    }

    static WorkspaceOrigin of(Workspace.Kind kind, Path directory, Workspace.Source source) {
        return new WorkspaceOrigin(kind == Workspace.Kind.CLONE ? CLONE : IN_PLACE, directory.toString(),
                source.shown(), source.localRepository() == null ? null : source.localRepository().toString(),
                source.url());
    }
}
