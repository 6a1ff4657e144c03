package io.nightshift.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.workspace.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Repositories and markers for the hostile tests: what an attack would leave on the host if it worked. */
final class HostileRepos {

    private HostileRepos() {
    }

    static String git(Path dir, String... args) {
        GitCli.Result r = GitCli.run(dir, args);
        assertThat(r.exit()).as("git %s failed: %s", String.join(" ", args), r.err()).isZero();
        return r.out();
    }

    /** A repository on main with one commit of {@code files} (path, content pairs). */
    static Path repo(Path dir, String... files) throws IOException {
        Files.createDirectories(dir);
        git(dir, "init", "-q", "-b", "main");
        for (int i = 0; i < files.length; i += 2) {
            Path f = dir.resolve(files[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, files[i + 1]);
        }
        git(dir, "add", "-A");
        git(dir, "-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "initial");
        return dir;
    }

    /** The refs of {@code repo} under {@code refs/heads/nightshift/}. */
    static List<String> runBranches(Path repo) {
        return git(repo, "for-each-ref", "--format=%(refname)", "refs/heads/nightshift/").lines().toList();
    }

    /**
     * What an agent appends to {@code .git/config} to get commands run by the host and its delivery redirected:
     * clean and smudge filters, a hooks path, the origin pointing at {@code decoy} with a receive-pack command.
     */
    static String evilConfig(Path markers, Path decoy) {
        return "[filter \"x\"]\n"
                + "\tclean = touch " + markers.resolve("clean-filter-ran") + "; cat\n"
                + "\tsmudge = touch " + markers.resolve("smudge-filter-ran") + "; cat\n"
                + "\trequired = true\n"
                + "[core]\n"
                + "\thooksPath = " + markers.resolve("hooks") + "\n"
                + "\tfsmonitor = touch " + markers.resolve("fsmonitor-ran") + "\n"
                + "[remote \"origin\"]\n"
                + "\turl = " + decoy.toUri() + "\n"
                + "\treceivepack = touch " + markers.resolve("receivepack-ran") + "; git-receive-pack\n"
                + "[remote \"" + decoy.toUri() + "\"]\n"
                + "\treceivepack = touch " + markers.resolve("receivepack-ran") + "; git-receive-pack\n";
    }

    /** Every marker the attacks of {@link #evilConfig} and {@link #hookScript} would create. */
    static List<Path> markers(Path markers) {
        return List.of(markers.resolve("clean-filter-ran"), markers.resolve("smudge-filter-ran"),
                markers.resolve("fsmonitor-ran"), markers.resolve("receivepack-ran"), markers.resolve("hook-ran"));
    }

    static String hookScript(Path markers) {
        return "#!/bin/sh\ntouch " + markers.resolve("hook-ran") + "\nexit 0\n";
    }

    /**
     * Runs {@code pipeline} (simulated, gates auto-approved) on a clone of {@code source} in {@code logs}, with the
     * given sandbox; the run's notices go to {@code notices}.
     */
    static io.nightshift.pipeline.engine.RunResult runPipeline(Path pipeline, Path source, Path logs, String sandbox,
            List<String> notices) {
        io.nightshift.runtime.RunRequest request = new io.nightshift.runtime.RunRequest(pipeline, true, true, logs, null,
                java.util.Map.of(), null, sandbox, source.toString(), null, false, false);
        io.nightshift.runtime.RunLauncher launcher = new io.nightshift.runtime.RunLauncher(
                new io.nightshift.runtime.PipelineLoader(), java.util.Map.of());
        return launcher.run(request, launcher.plan(request), new io.nightshift.pipeline.human.AutoApproveInterviewer(),
                List.of(), notices::add);
    }
}
