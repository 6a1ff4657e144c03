package io.nightshift.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.WorkspaceHooks;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's extension point for the run workspace: per-stage recording and veto, per-branch scopes, fan-in. */
class WorkspaceHooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Records calls; "commits" are counters; vetoes stage {@code veto}; branches get their own directory. */
    private class FakeWorkspace implements WorkspaceHooks {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Map<String, ExecutionEnvironment> environments = new ConcurrentHashMap<>();
        final String veto;
        int commits;

        FakeWorkspace(String veto) {
            this.veto = veto;
        }

        @Override
        public synchronized Outcome afterStage(Node node, int attempt, Context context, Outcome outcome) {
            String scope = context.getString(SCOPE_KEY, "");
            calls.add("after " + node.id() + "#" + attempt + (scope.isEmpty() ? "" : " in " + scope));
            Outcome kept = node.id().equals(veto) ? Outcome.fail("touched protected paths: tests/x") : outcome;
            return kept.withContextUpdates(Map.of(COMMIT_KEY, "c" + (++commits)));
        }

        @Override
        public ExecutionEnvironment environment(Context context) {
            return environments.get(context.getString(SCOPE_KEY, ""));
        }

        @Override
        public String openBranch(String parallelNodeId, String branchId, Context parentContext) throws Exception {
            Path dir = Files.createDirectories(tmp.resolve("branch-" + branchId));
            environments.put("scope-" + branchId, new LocalExecutionEnvironment(dir, Map.of("PATH", System.getenv("PATH"))));
            calls.add("open " + branchId);
            return "scope-" + branchId;
        }

        @Override
        public String closeBranch(String scope) {
            calls.add("close " + scope);
            return "head-of-" + scope;
        }

        @Override
        public Outcome merge(Node fanIn, String branchId, String commit, Context context) {
            calls.add("merge " + branchId + " " + commit);
            return branchId.equals("a") ? Outcome.success().withContextUpdates(Map.of(COMMIT_KEY, "merged"))
                    : Outcome.fail("conflicts in shared.txt");
        }
    }

    @Test
    void theCommitOfEachStageIsInItsStatusAndInTheCheckpointSavedAfterIt() throws Exception {
        FakeWorkspace ws = new FakeWorkspace("");
        Path run = tmp.resolve("run");
        List<String> seenInCheckpoint = new CopyOnWriteArrayList<>();
        RunResult r = new PipelineEngine(RunConfig.builder(run).workspaceHooks(ws).stageHook((id, outcome, root) ->
                seenInCheckpoint.add(id + "=" + JSON.readTree(root.resolve("checkpoint.json").toFile())
                        .path("context").path(WorkspaceHooks.COMMIT_KEY).asText())).build())
                .run(TestPipelines.prepare(ResumeTest.LINEAR));

        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(seenInCheckpoint).containsExactly("start=c1", "a=c2", "b=c3", "c=c4", "d=c5", "done=c6");
        assertThat(JSON.readTree(run.resolve("b/status.json").toFile()).path("context_updates")
                .path(WorkspaceHooks.COMMIT_KEY).asText()).isEqualTo("c3");
    }

    @Test
    void aStageTheWorkspaceVetoesFailsAndFollowsTheFailureRoute() throws Exception {
        FakeWorkspace ws = new FakeWorkspace("work");
        Path run = tmp.resolve("run");
        RunResult r = new PipelineEngine(RunConfig.builder(run).workspaceHooks(ws).build()).run(TestPipelines.prepare("""
                digraph veto {
                    start [shape=Mdiamond]
                    done [shape=Msquare]
                    work [prompt="work"]
                    repair [prompt="repair"]
                    start -> work
                    work -> done [condition="outcome=success"]
                    work -> repair [condition="outcome=fail"]
                    repair -> done
                }
                """));

        assertThat(r.completedNodes()).containsExactly("start", "work", "repair", "done");
        JsonNode status = JSON.readTree(run.resolve("work/status.json").toFile());
        assertThat(status.path("outcome").asText()).isEqualTo("fail");
        assertThat(status.path("failure_reason").asText()).isEqualTo("touched protected paths: tests/x");
        assertThat(Files.readString(run.resolve("events.jsonl"))).contains("touched protected paths: tests/x");
    }

    @Test
    void parallelBranchesRunInTheirOwnScopeAndFanInMergesTheChosenBranchCommit() throws Exception {
        FakeWorkspace ws = new FakeWorkspace("");
        Path run = tmp.resolve("run");
        RunResult r = new PipelineEngine(RunConfig.builder(run).workspaceHooks(ws)
                .environment(new LocalExecutionEnvironment(tmp, Map.of("PATH", System.getenv("PATH")))).build())
                .run(TestPipelines.prepare(FAN));

        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(ws.calls).contains("open a", "open b", "after a#1 in scope-a", "after b#1 in scope-b",
                "close scope-a", "close scope-b", "merge a head-of-scope-a", "after join#1");
        assertThat(ws.calls.indexOf("close scope-a")).isGreaterThan(ws.calls.indexOf("after a#1 in scope-a"));
        assertThat(Files.readString(run.resolve("a/tool_output.txt")).strip()).isEqualTo(tmp.resolve("branch-a").toString());
        assertThat(Files.readString(run.resolve("b/tool_output.txt")).strip()).isEqualTo(tmp.resolve("branch-b").toString());
        assertThat(r.context().get("parallel.commits")).isEqualTo(Map.of("a", "head-of-scope-a", "b", "head-of-scope-b"));
        assertThat(JSON.readTree(run.resolve("join/status.json").toFile()).path("notes").asText())
                .isEqualTo("Selected best candidate: a; merged its commit head-of-scope-a");
    }

    @Test
    void aFailedMergeFailsTheFanInStage() {
        FakeWorkspace ws = new FakeWorkspace("") {
            @Override
            public Outcome merge(Node fanIn, String branchId, String commit, Context context) {
                return Outcome.fail("merging " + branchId + " conflicts in shared.txt");
            }
        };
        RunResult r = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).workspaceHooks(ws)
                .environment(new LocalExecutionEnvironment(tmp, Map.of("PATH", System.getenv("PATH")))).build())
                .run(TestPipelines.prepare(FAN));

        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failedNode()).isEqualTo("join");
        assertThat(r.failureReason()).isEqualTo("merging a conflicts in shared.txt");
    }

    static final String FAN = """
            digraph fan {
                start [shape=Mdiamond]
                done [shape=Msquare]
                split [shape=component]
                a [shape=parallelogram, tool_command="pwd"]
                b [shape=parallelogram, tool_command="pwd"]
                join [shape=tripleoctagon]
                start -> split
                split -> a
                split -> b
                a -> join
                b -> join
                join -> done
            }
            """;
}
