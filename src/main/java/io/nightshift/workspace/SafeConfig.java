package io.nightshift.workspace;

import java.io.File;
import java.io.IOException;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * The git configuration JGit reads for a workspace, built by Nightshift instead of read from {@code .git/config}
 * (which the agent can write). It holds fixed core settings and, from the operator's own user and system
 * configuration only, the {@code http} section (proxies, certificates). Nothing else: no {@code filter.*}
 * (clean/smudge commands), {@code core.hooksPath}, {@code core.fsmonitor}, {@code include.*},
 * {@code remote.*} (URLs, {@code receivepack}/{@code uploadpack} commands), {@code url.*.insteadOf} or
 * repository-level {@code http.*}. Remotes are always given to JGit as URLs from the run's own record. It is never
 * loaded from nor saved to a file.
 */
final class SafeConfig extends FileBasedConfig {

    private SafeConfig(File location, FS fs) {
        super(null, location, fs);
    }

    static SafeConfig create(File gitDir, FS fs) {
        SafeConfig config = new SafeConfig(new File(gitDir, "config"), fs);
        config.setInt("core", null, "repositoryformatversion", 0);
        config.setBoolean("core", null, "filemode", fs.supportsExecute());
        config.setBoolean("core", null, "logallrefupdates", true);
        config.setBoolean("core", null, "symlinks", true);
        config.setInt("gc", null, "auto", 0);
        copyHttp(operatorConfig(), config);
        return config;
    }

    /** The operator's own configuration (user, then system), or an empty one when it cannot be read. */
    private static Config operatorConfig() {
        try {
            StoredConfig user = SystemReader.getInstance().getUserConfig();
            return user == null ? new Config() : user;
        } catch (IOException | ConfigInvalidException e) {
            return new Config();
        }
    }

    private static void copyHttp(Config from, Config to) {
        for (String name : from.getNames("http")) {
            to.setStringList("http", null, name, java.util.List.of(from.getStringList("http", null, name)));
        }
        for (String sub : from.getSubsections("http")) {
            for (String name : from.getNames("http", sub)) {
                to.setStringList("http", sub, name, java.util.List.of(from.getStringList("http", sub, name)));
            }
        }
    }

    @Override
    public void load() {
        // built in memory; the file on disk is the agent's and is never read through this config
    }

    @Override
    public boolean isOutdated() {
        return false;
    }

    @Override
    public void save() throws IOException {
        throw new IOException("Nightshift does not write a workspace's .git/config through the repository it opened");
    }
}
