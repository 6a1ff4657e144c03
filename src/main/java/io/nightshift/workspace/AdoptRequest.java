package io.nightshift.workspace;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Work in place in an existing directory ({@code --workspace DIR}).
 *
 * @param directory  a git repository's working tree, or a plain (possibly empty) directory that becomes one
 * @param ref        where the run branch starts when it does not exist yet; null for HEAD
 * @param runId      the run id; the run branch is {@code nightshift/<runId>}
 * @param allowDirty go ahead even when the repository has uncommitted changes (they join the first stage commit)
 * @param settings   identity, deny list, protected paths, large-file threshold
 */
public record AdoptRequest(Path directory, String ref, String runId, boolean allowDirty, WorkspaceSettings settings) {

    public AdoptRequest {
        Objects.requireNonNull(directory, "directory");
        RunIds.check(runId);
        Objects.requireNonNull(settings, "settings");
    }

    /** From HEAD, refusing a dirty tree, default settings. */
    public static AdoptRequest of(Path directory, String runId) {
        return new AdoptRequest(directory, null, runId, false, WorkspaceSettings.defaults());
    }

    public AdoptRequest withRef(String value) {
        return new AdoptRequest(directory, value, runId, allowDirty, settings);
    }

    public AdoptRequest withAllowDirty(boolean value) {
        return new AdoptRequest(directory, ref, runId, value, settings);
    }

    public AdoptRequest withSettings(WorkspaceSettings value) {
        return new AdoptRequest(directory, ref, runId, allowDirty, value);
    }
}
