package io.nightshift.workspace;

import java.io.IOException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.BaseRepositoryBuilder;
import org.eclipse.jgit.storage.file.FileBasedConfig;

/**
 * A JGit repository that answers {@link #getConfig()} with a {@link SafeConfig} instead of the repository's own
 * {@code .git/config}, on a {@link NoExecFs}. Everything JGit decides from configuration after opening (clean and
 * smudge filters, hooks path, remotes and their commands, URL rewrites, HTTP proxies) is then Nightshift's choice,
 * not the agent's.
 */
final class GuardedRepository extends FileRepository {

    private final SafeConfig config;

    GuardedRepository(BaseRepositoryBuilder<?, ?> options) throws IOException {
        super(options);
        this.config = SafeConfig.create(getDirectory(), getFS());
    }

    @Override
    public FileBasedConfig getConfig() {
        // FileRepository's constructor reads the format version through here before our field is set
        return config == null ? super.getConfig() : config;
    }
}
