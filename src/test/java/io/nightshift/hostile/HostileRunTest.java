package io.nightshift.hostile;

import static io.nightshift.hostile.HostileRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.runtime.RunLauncher;
import io.nightshift.runtime.RunRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, items 1 to 3, end to end: a tool stage does what a hostile agent in the sandbox can do to its
 * workspace's git (filters with {@code .gitattributes}, hooks, a hooks path, the origin and the old
 * {@code nightshift.*} keys pointing at a decoy repository); the run fails at a gate, is resumed, and delivers.
 * On the host: no marker, the run branch in the source, nothing in the decoy.
 */
class HostileRunTest {

    @TempDir
    Path tmp;

    @Test
    void aToolStageCannotRunCommandsOnTheHostOrRedirectDeliveryLocally() throws Exception {
        attackAndResume("local");
    }

    @Test
    @Tag("docker")
    void aSandboxedToolStageCannotRunCommandsOnTheHostOrRedirectDelivery() throws Exception {
        attackAndResume("docker");
    }

    private void attackAndResume(String sandbox) throws Exception {
        Path markers = Files.createDirectories(tmp.resolve("markers"));
        Path decoy = HostileRepos.repo(tmp.resolve("decoy"), "README.md", "decoy\n");
        Path logs = tmp.resolve("run");
        Path go = logs.resolve("go");
        Path source = HostileRepos.repo(tmp.resolve("source"), "README.md", "hello\n", "evil.sh", script(markers, decoy));
        Path pipeline = Files.writeString(tmp.resolve("evil.dot"), """
                digraph evil {
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    evil  [shape=parallelogram, tool_command="sh evil.sh"]
                    gate  [shape=parallelogram, tool_command="test -f %s"]
                    start -> evil -> gate -> exit
                }
                """.formatted(go));

        RunResult first = run(new RunRequest(pipeline, true, true, logs, null, Map.of(), null, sandbox,
                source.toString(), null, false, false));
        assertThat(first.status()).isEqualTo(RunStatus.FAIL);
        assertThat(tmp.resolve("run/workspace/.git/hooks/pre-push")).as("the attack itself ran").exists();
        Files.writeString(go, "go\n");
        RunResult resumed = run(new RunRequest(pipeline, true, true, null, logs, Map.of(), null, sandbox,
                source.toString(), null, false, false));

        assertThat(resumed.status()).as(resumed.failureReason()).isEqualTo(RunStatus.SUCCESS);
        assertThat(HostileRepos.markers(markers)).allSatisfy(m -> assertThat(m).doesNotExist());
        assertThat(HostileRepos.runBranches(decoy)).as("delivery redirected by the agent").isEmpty();
        String branch = "nightshift/" + resumed.runId();
        assertThat(HostileRepos.runBranches(source)).containsExactly("refs/heads/" + branch);
        assertThat(git(source, "show", branch + ":README.md")).as("no clean filter").isEqualTo("changed\n");
    }

    private static RunResult run(RunRequest request) {
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), Map.of());
        List<String> notices = new ArrayList<>();
        return launcher.run(request, launcher.plan(request), new AutoApproveInterviewer(), List.of(), notices::add);
    }

    /** The attack, as a shell script in the repository (the tool stage runs it in the workspace). */
    private static String script(Path markers, Path decoy) {
        String hook = HostileRepos.hookScript(markers).replace("\n", "\\n");
        return "set -e\n"
                + "cat >> .git/config <<'EOF'\n" + HostileRepos.evilConfig(markers, decoy)
                + "[nightshift \"evil\"]\n\tsourcePath = " + decoy + "\nEOF\n"
                + "run=$(sed -n 's/.*\\[nightshift \"\\(run-[^\"]*\\)\"\\].*/\\1/p' .git/config | head -n 1)\n"
                + "[ -n \"$run\" ] && printf '[nightshift \"%s\"]\\n\\tsourcePath = " + decoy + "\\n\\tsource = " + decoy
                + "\\n' \"$run\" >> .git/config || true\n"
                + "printf '* filter=x\\n' > .gitattributes\n"
                + "mkdir -p .git/hooks\n"
                + "for h in pre-push pre-commit post-checkout reference-transaction; do\n"
                + "  printf '" + hook + "' > .git/hooks/$h; chmod +x .git/hooks/$h\n"
                + "done\n"
                + "echo changed > README.md\n";
    }
}
