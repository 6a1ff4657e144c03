package io.nightshift.runtime;

import static io.nightshift.runtime.RunFixtures.git;
import static io.nightshift.agent.Script.script;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.runtime.RunFixtures.Run;
import io.nightshift.runtime.RunFixtures.RunRequestBuilder;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel branches each in their own worktree, fan-in merging the chosen one (issue 6). */
class ParallelWorkspaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void eachBranchWorksInItsOwnWorktreeAndFanInMergesTheChosenBranch() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path pipeline = RunFixtures.dot(tmp, "fan.dot", """
                digraph fan {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    split [shape=component, label="Try two ways"]
                    a     [shape=parallelogram, label="Way A", tool_command="pwd && echo a > a.txt && ls"]
                    b     [shape=parallelogram, label="Way B", tool_command="pwd && echo b > b.txt && ls"]
                    join  [shape=tripleoctagon, label="Pick"]
                    after [shape=parallelogram, label="After", tool_command="ls > listing.txt"]
                    start -> split
                    split -> a
                    split -> b
                    a -> join
                    b -> join
                    join -> after -> done
                }
                """);

        Run run = RunFixtures.run(pipeline, tmp.resolve("run"), RunRequestBuilder.repo(source.toString()));

        assertThat(run.result().status()).as(run.result().failureReason()).isEqualTo(RunStatus.SUCCESS);
        Path ws = tmp.resolve("run/workspace");
        String branch = "nightshift/" + run.result().runId();
        String aOut = Files.readString(tmp.resolve("run/a/tool_output.txt"));
        String bOut = Files.readString(tmp.resolve("run/b/tool_output.txt"));
        assertThat(aOut.lines().findFirst().orElseThrow()).startsWith(tmp.resolve("run/branches").toString());
        assertThat(bOut.lines().findFirst().orElseThrow()).startsWith(tmp.resolve("run/branches").toString());
        assertThat(aOut).doesNotContain("b.txt");
        assertThat(bOut).doesNotContain("a.txt");

        Map<String, String> commits = new HashMap<>();
        JsonNode checkpoint = JSON.readTree(tmp.resolve("run/checkpoint.json").toFile());
        checkpoint.path("context").path("parallel.results")
                .forEach(r -> commits.put(r.path("id").asText(), r.path("workspace_commit").asText()));
        assertThat(commits).containsOnlyKeys("a", "b");
        assertThat(git(ws, "show", commits.get("a") + ":a.txt")).isEqualTo("a\n");
        assertThat(git(ws, "show", commits.get("b") + ":b.txt")).isEqualTo("b\n");
        assertThat(git(ws, "log", "-1", "--format=%s", commits.get("b"))).isEqualTo("b: Way B\n");
        assertThat(checkpoint.path("context").path("parallel.fan_in.best_id").asText()).isEqualTo("a");

        List<String> tree = git(ws, "ls-tree", "-r", "--name-only", branch).lines().toList();
        assertThat(tree).contains("a.txt", "listing.txt").doesNotContain("b.txt");
        assertThat(git(ws, "merge-base", "--is-ancestor", commits.get("a"), branch)).isEmpty();
        assertThat(Files.readString(ws.resolve("listing.txt"))).contains("a.txt");
        assertThat(tmp.resolve("run/branches")).isEmptyDirectory();
    }

    @Test
    void aCodergenStageInABranchWorksInThatBranchsWorktree() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path pipeline = RunFixtures.dot(tmp, "agents.dot", """
                digraph agents {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    split [shape=component]
                    a     [label="Agent A", prompt="Write a.txt", llm_provider="anthropic", llm_model="claude-opus-4-6"]
                    b     [shape=parallelogram, label="Tool B", tool_command="echo b > b.txt"]
                    join  [shape=tripleoctagon]
                    start -> split
                    split -> a
                    split -> b
                    a -> join
                    b -> join
                    join -> done
                }
                """);
        String script = script().tools("write_file", Map.of("file_path", "a.txt", "content", "from the agent\n"))
                .text("Wrote a.txt.").build();
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(script))) {
            RunLauncher launcher = new RunLauncher(new PipelineLoader(), twin.environment());
            RunRequest request = new RunRequest(pipeline, false, true, tmp.resolve("run"), null, Map.of(), null,
                    "local", source.toString(), null, false, false);
            List<String> notices = new java.util.ArrayList<>();

            var result = launcher.run(request, launcher.plan(request),
                    new io.nightshift.pipeline.human.AutoApproveInterviewer(), List.of(), notices::add);

            assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
            assertThat(twin.remainingSteps()).as("the agent ran its script").isZero();
        }
        Path ws = tmp.resolve("run/workspace");
        Map<String, String> commits = new HashMap<>();
        JSON.readTree(tmp.resolve("run/checkpoint.json").toFile()).path("context").path("parallel.results")
                .forEach(r -> commits.put(r.path("id").asText(), r.path("workspace_commit").asText()));
        assertThat(git(ws, "show", commits.get("a") + ":a.txt")).isEqualTo("from the agent\n");
        assertThat(git(ws, "log", "-1", "--format=%s", commits.get("a"))).isEqualTo("a: Agent A\n");
        assertThat(git(ws, "ls-tree", "-r", "--name-only", commits.get("b")).lines().toList()).doesNotContain("a.txt");
        assertThat(git(ws, "status", "--porcelain")).isEmpty();
    }

    @Test
    void aMergeConflictAtFanInFailsTheStageWithTheConflictingPaths() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path runWorkspace = tmp.resolve("run/workspace");
        Path pipeline = RunFixtures.dot(tmp, "clash.dot", """
                digraph clash {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    split [shape=component]
                    a     [shape=parallelogram, label="Way A", tool_command="echo a > shared.txt && echo main > %s/shared.txt"]
                    b     [shape=parallelogram, label="Way B", tool_command="echo b > other.txt"]
                    join  [shape=tripleoctagon, label="Pick"]
                    start -> split
                    split -> a
                    split -> b
                    a -> join
                    b -> join
                    join -> done
                }
                """.formatted(runWorkspace));

        Run run = RunFixtures.run(pipeline, tmp.resolve("run"), RunRequestBuilder.repo(source.toString()));

        assertThat(run.result().status()).isEqualTo(RunStatus.FAIL);
        assertThat(run.result().failedNode()).isEqualTo("join");
        assertThat(run.result().failureReason()).contains("conflicts in shared.txt");
        JsonNode status = JSON.readTree(tmp.resolve("run/join/status.json").toFile());
        assertThat(status.path("outcome").asText()).isEqualTo("fail");
        assertThat(status.path("context_updates").path("workspace.conflicts")).extracting(JsonNode::asText)
                .containsExactly("shared.txt");
        assertThat(Files.readString(runWorkspace.resolve("shared.txt"))).isEqualTo("main\n");
        assertThat(tmp.resolve("run/deliverables/changes.patch")).exists();
    }
}
