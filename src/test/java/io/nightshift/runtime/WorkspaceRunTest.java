package io.nightshift.runtime;

import static io.nightshift.runtime.RunFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.runtime.RunFixtures.Run;
import io.nightshift.runtime.RunFixtures.RunRequestBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs through RunLauncher on real repositories: intake, a commit per stage, the deny list, deliverables (issue 6). */
class WorkspaceRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String TWO_STAGES = """
            digraph two {
                graph [goal="write two files"]
                start [shape=Mdiamond]
                done  [shape=Msquare]
                first  [shape=parallelogram, label="Write first", tool_command="echo one > first.txt"]
                idle   [shape=parallelogram, label="Change nothing", tool_command="true"]
                second [shape=parallelogram, label="Write second", tool_command="echo two > second.txt && echo changed >> README.md"]
                start -> first -> idle -> second -> done
            }
            """;

    @TempDir
    Path tmp;

    private static String base(Path source) {
        return git(source, "rev-parse", "main").strip();
    }

    @Test
    void intakeFromAPathCommitsEachChangingStageWithTrailersOnTheRunBranch() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path pipeline = RunFixtures.dot(tmp, "two.dot", TWO_STAGES);

        Run run = RunFixtures.run(pipeline, tmp.resolve("run"), RunRequestBuilder.repo(source.toString()));

        assertThat(run.result().status()).isEqualTo(RunStatus.SUCCESS);
        Path ws = tmp.resolve("run/workspace");
        String branch = "nightshift/" + run.result().runId();
        assertThat(git(ws, "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo(branch);
        assertThat(git(ws, "log", "--format=%s", base(source) + ".." + branch).lines().toList())
                .containsExactly("second: Write second", "first: Write first");
        assertThat(git(ws, "log", "-1", "--format=%(trailers:only,unfold)", branch)).isEqualTo(
                "Nightshift-Run: " + run.result().runId() + "\nNightshift-Node: second\nNightshift-Attempt: 1\n\n");
        assertThat(git(ws, "log", "-1", "--format=%b", branch)).contains("Outcome: success");
        assertThat(git(ws, "show", branch + ":first.txt")).isEqualTo("one\n");
        assertThat(run.notice("workspace:")).contains(ws.toString(), branch);
    }

    @Test
    void stageCommitsCarryTheNightshiftIdentityUnlessTheEnvironmentNamesAnother() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path pipeline = RunFixtures.dot(tmp, "two.dot", TWO_STAGES);

        Run plain = RunFixtures.run(pipeline, tmp.resolve("run1"), RunRequestBuilder.repo(source.toString()));
        Run named = RunFixtures.run(pipeline, tmp.resolve("run2"), RunRequestBuilder.repo(source.toString()),
                java.util.Map.of("NIGHTSHIFT_GIT_AUTHOR_NAME", "Night Owl", "NIGHTSHIFT_GIT_AUTHOR_EMAIL", "owl@example.org"));

        assertThat(git(tmp.resolve("run1/workspace"), "log", "-1", "--format=%an <%ae> / %cn <%ce>",
                "nightshift/" + plain.result().runId())).isEqualTo("Nightshift <nightshift@localhost> / Nightshift <nightshift@localhost>\n");
        assertThat(git(tmp.resolve("run2/workspace"), "log", "-1", "--format=%an <%ae> / %cn <%ce>",
                "nightshift/" + named.result().runId())).isEqualTo("Night Owl <owl@example.org> / Night Owl <owl@example.org>\n");
    }

    @Test
    void workspaceJsonMapsEveryStageAttemptToItsCommitAndTheCheckpointHoldsTheLast() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path pipeline = RunFixtures.dot(tmp, "two.dot", TWO_STAGES);

        Run run = RunFixtures.run(pipeline, tmp.resolve("run"), RunRequestBuilder.repo(source.toString()));

        Path ws = tmp.resolve("run/workspace");
        String branch = "nightshift/" + run.result().runId();
        String head = git(ws, "rev-parse", branch).strip();
        String afterFirst = git(ws, "rev-parse", branch + "~1").strip();
        String base = base(source);
        JsonNode log = JSON.readTree(tmp.resolve("run/workspace.json").toFile());
        List<String> entries = new ArrayList<>();
        log.path("stages").forEach(s -> entries.add(s.path("node").asText() + "@" + s.path("attempt").asInt() + "="
                + s.path("commit").asText()));
        assertThat(entries).containsExactly("start@1=" + base, "first@1=" + afterFirst, "idle@1=" + afterFirst,
                "second@1=" + head, "done@1=" + head);
        JsonNode checkpoint = JSON.readTree(tmp.resolve("run/checkpoint.json").toFile());
        assertThat(checkpoint.path("context").path("workspace.commit").asText()).isEqualTo(head);
        assertThat(checkpoint.path("current_node").asText()).isEqualTo("done");
        assertThat(JSON.readTree(tmp.resolve("run/second/status.json").toFile())
                .path("context_updates").path("workspace.commit").asText()).isEqualTo(head);
    }

    @Test
    void intakeFromAFileUrlWorksOnAClone() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path pipeline = RunFixtures.dot(tmp, "two.dot", TWO_STAGES);

        Run run = RunFixtures.run(pipeline, tmp.resolve("run"), RunRequestBuilder.repo(source.toUri().toString()));

        assertThat(run.result().status()).isEqualTo(RunStatus.SUCCESS);
        Path ws = tmp.resolve("run/workspace");
        assertThat(git(ws, "log", "--format=%s", "nightshift/" + run.result().runId()).lines().toList())
                .containsExactly("second: Write second", "first: Write first", "initial");
        assertThat(run.notice("deliverables:")).contains("changes.patch", "run.bundle", "summary.md");
    }

    @Test
    void theLocalSourceGetsTheRunBranchWhileItsCheckoutStaysUntouched() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Files.writeString(source.resolve("notes.txt"), "the user's own untracked work\n");
        String before = git(source, "rev-parse", "HEAD");
        Path pipeline = RunFixtures.dot(tmp, "two.dot", TWO_STAGES);

        Run run = RunFixtures.run(pipeline, tmp.resolve("run"), RunRequestBuilder.repo(source.toString()));

        String branch = "nightshift/" + run.result().runId();
        assertThat(git(source, "rev-parse", "HEAD")).isEqualTo(before);
        assertThat(git(source, "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("main");
        assertThat(git(source, "status", "--porcelain")).isEqualTo("?? notes.txt\n");
        assertThat(source.resolve("first.txt")).doesNotExist();
        assertThat(Files.readString(source.resolve("README.md"))).isEqualTo("hello\n");
        assertThat(git(source, "rev-parse", branch).strip())
                .isEqualTo(git(tmp.resolve("run/workspace"), "rev-parse", branch).strip());
        assertThat(run.notice("deliverables:")).contains("branch refs/heads/" + branch + " set in");
    }

    @Test
    void everyDeliverableCanBeUsedWithTheGitCli() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path pipeline = RunFixtures.dot(tmp, "two.dot", TWO_STAGES);

        Run run = RunFixtures.run(pipeline, tmp.resolve("run"), RunRequestBuilder.repo(source.toString()));

        Path deliverables = tmp.resolve("run/deliverables");
        Path check = tmp.resolve("check");
        git(tmp, "clone", "-q", source.toString(), check.toString());
        git(check, "am", deliverables.resolve("changes.patch").toString());
        assertThat(git(check, "log", "--format=%s", "-2").lines().toList())
                .containsExactly("second: Write second", "first: Write first");
        assertThat(Files.readString(check.resolve("second.txt"))).isEqualTo("two\n");
        assertThat(git(check, "diff", "HEAD", "origin/nightshift/" + run.result().runId(), "--stat")).isEmpty();
        assertThat(RunFixtures.tryGit(source, "bundle", "verify", deliverables.resolve("run.bundle").toString()).exit())
                .isZero();
        String summary = Files.readString(deliverables.resolve("summary.md"));
        String head = git(source, "rev-parse", "--short=7", "nightshift/" + run.result().runId()).strip();
        assertThat(summary).contains("first: Write first", "second: Write second", head);
    }

    @Test
    void deliverablesAreWrittenWhenTheRunFails() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path pipeline = RunFixtures.dot(tmp, "fails.dot", """
                digraph fails {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    work  [shape=parallelogram, label="Work", tool_command="echo partial > partial.txt"]
                    boom  [shape=parallelogram, label="Break", tool_command="exit 3"]
                    start -> work -> boom -> done
                }
                """);

        Run run = RunFixtures.run(pipeline, tmp.resolve("run"), RunRequestBuilder.repo(source.toString()));

        assertThat(run.result().status()).isEqualTo(RunStatus.FAIL);
        assertThat(tmp.resolve("run/deliverables/changes.patch")).content().contains("work: Work", "+partial");
        assertThat(tmp.resolve("run/deliverables/run.bundle")).exists();
        assertThat(tmp.resolve("run/deliverables/summary.md")).content().contains("work: Work");
    }

    @Test
    void deniedPathsAreNeverCommittedAndTheStageReportsThem() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path pipeline = RunFixtures.dot(tmp, "deny.dot", """
                digraph deny {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    leak  [shape=parallelogram, label="Leak", tool_command="echo TOKEN=s3cret > .env && echo key > server.pem && echo ok > app.txt"]
                    start -> leak -> done
                }
                """);

        Run run = RunFixtures.run(pipeline, tmp.resolve("run"), RunRequestBuilder.repo(source.toString()));

        assertThat(run.result().status()).isEqualTo(RunStatus.SUCCESS);
        Path ws = tmp.resolve("run/workspace");
        assertThat(git(ws, "ls-tree", "-r", "--name-only", "nightshift/" + run.result().runId()).lines().toList())
                .contains("app.txt").doesNotContain(".env", "server.pem");
        JsonNode status = JSON.readTree(tmp.resolve("run/leak/status.json").toFile());
        assertThat(status.path("context_updates").path("workspace.denied")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(".env", "server.pem");
        assertThat(status.path("notes").asText()).contains("not committed (deny list)", ".env", "server.pem");
        assertThat(Files.readString(tmp.resolve("run/events.jsonl")).lines()
                .filter(l -> l.contains("\"stage_completed\"") && l.contains("\"leak\"")).findFirst().orElseThrow())
                .contains("not committed (deny list)");
    }

    @Test
    void aStageThatChangesProtectedPathsFailsAndTheFilesAreRestored() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path pipeline = RunFixtures.dot(tmp, "guarded.dot", """
                digraph guarded {
                    graph [workspace.protected="tests/**"]
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    cheat [shape=parallelogram, label="Cheat", tool_command="echo 'exit 0 # always' > tests/gate.sh && echo real > code.txt"]
                    fixup [shape=parallelogram, label="Own up", tool_command="echo caught > caught.txt"]
                    start -> cheat
                    cheat -> done [condition="outcome=success"]
                    cheat -> fixup [condition="outcome=fail"]
                    fixup -> done
                }
                """);

        Run run = RunFixtures.run(pipeline, tmp.resolve("run"), RunRequestBuilder.repo(source.toString()));

        assertThat(run.result().completedNodes()).containsExactly("start", "cheat", "fixup", "done");
        JsonNode status = JSON.readTree(tmp.resolve("run/cheat/status.json").toFile());
        assertThat(status.path("outcome").asText()).isEqualTo("fail");
        assertThat(status.path("failure_reason").asText()).contains("changed protected paths tests/gate.sh");
        Path ws = tmp.resolve("run/workspace");
        assertThat(Files.readString(ws.resolve("tests/gate.sh"))).isEqualTo("exit 0\n");
        String branch = "nightshift/" + run.result().runId();
        assertThat(git(ws, "show", branch + ":tests/gate.sh")).isEqualTo("exit 0\n");
        assertThat(git(ws, "log", "--format=%s", base(source) + ".." + branch).lines().toList())
                .containsExactly("fixup: Own up", "cheat: Cheat");
        assertThat(git(ws, "log", "-1", "--format=%b", branch + "~1")).contains("Outcome: fail");
    }

    @Test
    void withNeitherRepoNorWorkspaceAFreshRepositoryInTheRunDirectoryGetsTheCommits() throws Exception {
        Path pipeline = RunFixtures.dot(tmp, "two.dot", TWO_STAGES);

        Run run = RunFixtures.run(pipeline, tmp.resolve("run"), RunRequestBuilder.none());

        Path ws = tmp.resolve("run/workspace");
        assertThat(run.result().status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(git(ws, "log", "--format=%s", "nightshift/" + run.result().runId()).lines())
                .contains("second: Write second", "first: Write first");
        assertThat(tmp.resolve("run/deliverables/changes.patch")).exists();
    }

    @Test
    void aPlainWorkspaceDirectoryBecomesARepositoryAndKeepsTheRunDirectoryOutOfItsCommits() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(dir.resolve("existing.txt"), "was here\n");
        Path pipeline = RunFixtures.dot(tmp, "two.dot", TWO_STAGES);

        Run run = RunFixtures.run(pipeline, dir.resolve("runs/one"), RunRequestBuilder.workspace(dir));

        assertThat(run.result().status()).isEqualTo(RunStatus.SUCCESS);
        String branch = "nightshift/" + run.result().runId();
        List<String> files = git(dir, "ls-tree", "-r", "--name-only", branch).lines().toList();
        assertThat(files).contains("existing.txt", "first.txt", "second.txt");
        assertThat(files).noneMatch(f -> f.startsWith("runs/"));
        assertThat(git(dir, "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo(branch);
    }
}
