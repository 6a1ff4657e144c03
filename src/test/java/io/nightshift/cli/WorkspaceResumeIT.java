package io.nightshift.cli;

import static io.nightshift.cli.CliProcess.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real process on a --repo workspace, SIGKILLed mid-stage, resumes from the checkpoint's commit (issue 6). */
class WorkspaceResumeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aResumeRestoresTheCheckpointCommitAndKeepsTheInterruptedWorkOnASideRef() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source"));
        git(source, "init", "-q", "-b", "main");
        Files.writeString(source.resolve("README.md"), "hello\n");
        git(source, "add", "-A");
        git(source, "commit", "-q", "-m", "initial");
        Path pipeline = dir.resolve("slow.dot");
        // 'slow' writes half.txt, then blocks on its first attempt; on the second it insists on a clean start.
        Files.writeString(pipeline, """
                digraph slow {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    plan  [shape=parallelogram, label="Plan", tool_command="echo plan > plan.txt"]
                    slow  [shape=parallelogram, label="Slow", tool_command="if [ -f $ATTRACTOR_LOGS_ROOT/first-try ]; then test ! -f half.txt && echo clean > slow.txt; else touch $ATTRACTOR_LOGS_ROOT/first-try; echo half > half.txt; sleep 60; fi"]
                    start -> plan -> slow -> done
                }
                """);
        Path logs = dir.resolve("run");
        Process p = CliProcess.builder(dir, "run", pipeline.toString(), "--repo", source.toString(), "--logs-dir",
                logs.toString(), "--sandbox", "local").redirectErrorStream(true)
                .redirectOutput(dir.resolve("first.log").toFile()).start();
        waitFor(() -> Files.exists(logs.resolve("workspace/half.txt")), 60);
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String runId = JSON.readTree(logs.resolve("workspace.json").toFile()).path("run_id").asText();
        String branch = "nightshift/" + runId;
        Path ws = logs.resolve("workspace");
        String planCommit = git(ws, "rev-parse", branch).strip();
        assertThat(JSON.readTree(logs.resolve("checkpoint.json").toFile()).path("context").path("workspace.commit")
                .asText()).isEqualTo(planCommit);

        CliProcess.Result resumed = CliProcess.run(dir, "run", "--resume", logs.toString(), "--sandbox", "local");

        assertThat(resumed.exitCode()).as(resumed.stdout() + resumed.stderr()).isZero();
        String sideRef = "refs/nightshift/" + runId + "/interrupted/1";
        assertThat(resumed.stdout()).contains("restored to " + planCommit.substring(0, 10), sideRef);
        assertThat(git(ws, "show", sideRef + ":half.txt")).isEqualTo("half\n");
        assertThat(git(ws, "log", "--format=%s", branch).lines().toList())
                .containsExactly("slow: Slow", "plan: Plan", "initial");
        assertThat(git(ws, "ls-tree", "-r", "--name-only", branch).lines().toList())
                .containsExactlyInAnyOrder("README.md", "plan.txt", "slow.txt");
        assertThat(git(source, "rev-parse", branch).strip()).isEqualTo(git(ws, "rev-parse", branch).strip());
        assertThat(resumed.stdout()).contains("deliverables: " + logs.resolve("deliverables"));
        assertThat(logs.resolve("deliverables/summary.md")).content().contains("plan: Plan", "slow: Slow");
    }

    @Test
    void aResumeAfterAKillInsideAParallelBranchRemovesTheStaleWorktreesAndRunsTheBranchesAgain() throws Exception {
        Path source = initRepo();
        Path pipeline = dir.resolve("fan.dot");
        // Branch 'a' writes half.txt in its worktree, then blocks on the first try; 'b' is quick.
        Files.writeString(pipeline, """
                digraph fan {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    split [shape=component]
                    a     [shape=parallelogram, label="Way A", tool_command="if [ -f $ATTRACTOR_LOGS_ROOT/first-try ]; then test ! -f half.txt && echo a > a.txt; else touch $ATTRACTOR_LOGS_ROOT/first-try; echo half > half.txt; sleep 60; fi"]
                    b     [shape=parallelogram, label="Way B", tool_command="echo b > b.txt"]
                    join  [shape=tripleoctagon]
                    start -> split
                    split -> a
                    split -> b
                    a -> join
                    b -> join
                    join -> done
                }
                """);
        Path logs = dir.resolve("run");
        Path branches = logs.resolve("branches");
        Process p = CliProcess.builder(dir, "run", pipeline.toString(), "--repo", source.toString(), "--logs-dir",
                logs.toString(), "--sandbox", "local").redirectErrorStream(true)
                .redirectOutput(dir.resolve("first.log").toFile()).start();
        waitFor(() -> halfWritten(branches), 60);
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Path ws = logs.resolve("workspace");
        assertThat(worktrees(ws)).as("the killed run left its branch worktrees").hasSizeGreaterThan(1);
        String runId = JSON.readTree(logs.resolve("workspace.json").toFile()).path("run_id").asText();

        CliProcess.Result resumed = CliProcess.run(dir, "run", "--resume", logs.toString(), "--sandbox", "local");

        assertThat(resumed.exitCode()).as(resumed.stdout() + resumed.stderr()).isZero();
        assertThat(resumed.stdout()).contains("removed the parallel-branch worktree " + branches);
        assertThat(branches).isEmptyDirectory();
        assertThat(worktrees(ws)).containsExactly(ws.toRealPath().toString());
        String sideRef = "refs/nightshift/" + runId + "/interrupted/1";
        assertThat(git(ws, "show", sideRef + ":half.txt")).isEqualTo("half\n");
        String branch = "nightshift/" + runId;
        assertThat(git(ws, "ls-tree", "-r", "--name-only", branch).lines().toList()).contains("a.txt")
                .doesNotContain("half.txt");
        assertThat(git(ws, "status", "--porcelain")).isEmpty();
    }

    private static boolean halfWritten(Path branches) {
        if (!Files.isDirectory(branches)) {
            return false;
        }
        try (var dirs = Files.list(branches)) {
            return dirs.anyMatch(d -> Files.exists(d.resolve("half.txt")));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> worktrees(Path ws) {
        return git(ws, "worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree "))
                .map(l -> l.substring("worktree ".length())).toList();
    }

    @Test
    void badRepositoryInputExitsWithCodeTwoAndAClearMessage() throws Exception {
        Path pipeline = dir.resolve("p.dot");
        Files.writeString(pipeline, "digraph p { start [shape=Mdiamond] done [shape=Msquare] start -> done }\n");

        CliProcess.Result missing = CliProcess.run(dir, "run", "p.dot", "--repo", dir.resolve("nope").toString(),
                "--logs-dir", "r1", "--sandbox", "local");
        CliProcess.Result badRef = CliProcess.run(dir, "run", "p.dot", "--repo", initRepo().toString(), "--ref",
                "v9.9", "--logs-dir", "r2", "--sandbox", "local");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("nightshift: ", dir.resolve("nope").toString())
                .doesNotContain("Exception", "\tat ");
        assertThat(badRef.exitCode()).isEqualTo(2);
        assertThat(badRef.stderr()).contains("v9.9").doesNotContain("\tat ");
    }

    private Path initRepo() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("a.txt"), "a\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "a");
        return repo;
    }

    private static String git(Path in, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("git " + String.join(" ", args) + ": " + out).isZero();
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
