package io.nightshift.workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * What a workspace must remember to be reopened after a crash, kept in its git config under
 * {@code [nightshift "<run-id>"]}: how it was made and where its source is (never credentials).
 */
final class WorkspaceConfig {

    private static final String SECTION = "nightshift";

    private WorkspaceConfig() {
    }

    static void save(Repository repo, String runId, Workspace.Kind kind, Workspace.Source source) throws IOException {
        StoredConfig config = repo.getConfig();
        config.setString(SECTION, runId, "mode", kind.name().toLowerCase(Locale.ROOT));
        config.setString(SECTION, runId, "source", source.shown());
        if (source.localRepository() != null) {
            config.setString(SECTION, runId, "sourcePath", source.localRepository().toString());
        }
        config.save();
    }

    static Workspace.Kind kind(Repository repo, String runId) {
        String mode = repo.getConfig().getString(SECTION, runId, "mode");
        if (mode == null) {
            throw new WorkspaceException("The repository at " + repo.getWorkTree() + " is not a Nightshift workspace of"
                    + " run " + runId + " (no [nightshift \"" + runId + "\"] section in its config).", false);
        }
        return Workspace.Kind.valueOf(mode.toUpperCase(Locale.ROOT));
    }

    static Workspace.Source source(Repository repo, String runId, Map<String, String> env) {
        String shown = repo.getConfig().getString(SECTION, runId, "source");
        String path = repo.getConfig().getString(SECTION, runId, "sourcePath");
        String url = repo.getConfig().getString("remote", "origin", "url");
        Path local = path == null ? null : Path.of(path);
        String effective = url != null ? url : local != null ? local.toUri().toString() : shown;
        return new Workspace.Source(shown, local, effective,
                effective == null ? Remotes.Credentials.NONE : Remotes.credentials(effective, env));
    }
}
