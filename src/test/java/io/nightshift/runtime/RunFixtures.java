package io.nightshift.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.workspace.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real repositories and in-process runs for the workspace integration tests; the git CLI checks the results. */
final class RunFixtures {

    private RunFixtures() {
    }

    /** Runs git in {@code dir}, asserts success and returns stdout. */
    static String git(Path dir, String... args) {
        GitResult r = tryGit(dir, args);
        assertThat(r.exit()).as("git %s failed: %s", String.join(" ", args), r.err()).isZero();
        return r.out();
    }

    record GitResult(int exit, String out, String err) {
    }

    static GitResult tryGit(Path dir, String... args) {
        GitCli.Result r = GitCli.run(dir, args);
        return new GitResult(r.exit(), r.out(), r.err());
    }

    /** A source repository on main with README.md and tests/gate.sh, one commit. */
    static Path sourceRepo(Path parent) throws IOException {
        Path repo = Files.createDirectories(parent.resolve("source"));
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("README.md"), "hello\n");
        Files.createDirectories(repo.resolve("tests"));
        Files.writeString(repo.resolve("tests/gate.sh"), "exit 0\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "initial");
        return repo;
    }

    /** What a run printed and how it ended. */
    record Run(RunResult result, List<String> notices, Path logs) {

        String notice(String prefix) {
            return notices.stream().filter(n -> n.startsWith(prefix)).findFirst().orElse("");
        }
    }

    static Run run(Path pipeline, Path logs, RunRequestBuilder request) {
        return run(pipeline, logs, request, Map.of());
    }

    static Run run(Path pipeline, Path logs, RunRequestBuilder request, Map<String, String> env) {
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), env);
        RunRequest r = request.build(pipeline, logs);
        RunLauncher.Plan plan = launcher.plan(r);
        List<String> notices = new ArrayList<>();
        RunResult result = launcher.run(r, plan, new AutoApproveInterviewer(), List.of(), notices::add);
        return new Run(result, notices, logs);
    }

    /** The request options the tests vary. */
    record RunRequestBuilder(String repo, String ref, Path workspace, boolean allowDirty, boolean resume) {

        static RunRequestBuilder repo(String source) {
            return new RunRequestBuilder(source, null, null, false, false);
        }

        static RunRequestBuilder workspace(Path dir) {
            return new RunRequestBuilder(null, null, dir, false, false);
        }

        static RunRequestBuilder none() {
            return new RunRequestBuilder(null, null, null, false, false);
        }

        RunRequestBuilder ref(String value) {
            return new RunRequestBuilder(repo, value, workspace, allowDirty, resume);
        }

        RunRequestBuilder dirtyAllowed() {
            return new RunRequestBuilder(repo, ref, workspace, true, resume);
        }

        RunRequest build(Path pipeline, Path logs) {
            return new RunRequest(pipeline, true, true, resume ? null : logs, resume ? logs : null, Map.of(), workspace,
                    "local", repo, ref, allowDirty, false);
        }
    }

    static Path dot(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
