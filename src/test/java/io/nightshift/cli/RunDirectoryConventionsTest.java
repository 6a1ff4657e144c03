package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The run-directory conventions other Attractor implementations and the community conformance suite rely on
 * (agent-spec/conformance.md, issue 15), through {@code nightshift run --simulate --auto-approve}.
 */
class RunDirectoryConventionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Result(int code, String out, String err, Path logs) {
        JsonNode checkpoint() throws IOException {
            return JSON.readTree(logs.resolve("checkpoint.json").toFile());
        }
    }

    private Result run(String name, String dot, String... extra) throws IOException {
        Path pipeline = Files.writeString(dir.resolve(name + ".dot"), dot);
        Path logs = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("run", pipeline.toString(), "--simulate", "--auto-approve",
                "--sandbox", "local", "--logs-dir", logs.toString()));
        args.addAll(List.of(extra));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new NightshiftCommand()).execute(args.toArray(String[]::new));
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), logs);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void theCheckpointRecordsEachNodesOutcomeWithItsNotesAndReason() throws Exception {
        Result r = run("outcomes", """
                digraph outcomes {
                    start [shape=Mdiamond]
                    gated [shape=parallelogram, goal_gate=true, tool_command="printf '{\\"outcome\\":\\"partial_success\\",\\"notes\\":\\"partial gate\\"}' > \\"$ATTRACTOR_STAGE_DIR/status.json\\""]
                    flaky [shape=parallelogram, tool_command="echo broken >&2; exit 3"]
                    mend  [shape=parallelogram, tool_command="echo mended"]
                    done  [shape=Msquare]
                    start -> gated -> flaky
                    flaky -> mend [condition="outcome=fail"]
                    flaky -> done [condition="outcome=success"]
                    mend -> done
                }
                """);

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode outcomes = r.checkpoint().path("node_outcomes");
        assertThat(outcomes.path("gated").path("status").asText()).isEqualTo("partial_success");
        assertThat(outcomes.path("gated").path("notes").asText()).isEqualTo("partial gate");
        assertThat(outcomes.path("flaky").path("status").asText()).isEqualTo("fail");
        assertThat(outcomes.path("flaky").path("failure_reason").asText()).contains("exited with code 3");
        assertThat(outcomes.path("start").path("status").asText()).isEqualTo("success");
        assertThat(outcomes.path("mend").path("status").asText()).isEqualTo("success");
    }

    @Test
    void eachStageWritesTheContextItSawAsItsFidelityLetsItSeeIt() throws Exception {
        Result r = run("fidelity", """
                digraph fidelity {
                    graph [goal="Project the context"]
                    start [shape=Mdiamond]
                    gen   [shape=parallelogram, tool_command="head -c 1000 /dev/zero | tr '\\\\0' X"]
                    whole [prompt="sees everything", fidelity=full]
                    brief [prompt="sees the goal"]
                    done  [shape=Msquare]
                    start -> gen -> whole
                    whole -> brief [fidelity=truncate]
                    brief -> done
                }
                """);

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode whole = JSON.readTree(r.logs().resolve("whole/context.json").toFile());
        assertThat(whole.path("tool.output").asText()).hasSize(1000);
        JsonNode brief = JSON.readTree(r.logs().resolve("brief/context.json").toFile());
        assertThat(brief.path("graph.goal").asText()).isEqualTo("Project the context");
        assertThat(brief.has("tool.output")).as(brief.toString()).isFalse();
    }

    @Test
    void parallelBranchesJoinCompletedNodesAndLeaveTheirStatusInTheContext() throws Exception {
        Result r = run("fanout", """
                digraph fanout {
                    start [shape=Mdiamond]
                    fork  [shape=component]
                    ok    [shape=parallelogram, tool_command="echo ok"]
                    bad   [shape=parallelogram, tool_command="echo no >&2; exit 3"]
                    join  [shape=tripleoctagon]
                    done  [shape=Msquare]
                    start -> fork
                    fork -> ok
                    fork -> bad
                    ok -> join
                    bad -> join
                    join -> done
                }
                """);

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode cp = r.checkpoint();
        List<String> completed = new ArrayList<>();
        cp.path("completed_nodes").forEach(n -> completed.add(n.asText()));
        assertThat(completed).contains("fork", "ok", "bad", "join", "done");
        assertThat(cp.path("node_outcomes").path("bad").path("status").asText()).isEqualTo("fail");
        JsonNode ctx = cp.path("context");
        assertThat(ctx.path("parallel.branch.ok.status").asText()).isEqualTo("success");
        assertThat(ctx.path("parallel.branch.bad.status").asText()).isEqualTo("fail");
        assertThat(ctx.path("parallel.branch.bad.failure_reason").asText()).contains("exited with code 3");
        assertThat(ctx.path("parallel.fail_count").asInt()).isEqualTo(1);
    }

    @Test
    void aLoopRestartRunsTheFreshAttemptInARestartDirectoryWithAFreshContext() throws Exception {
        Result r = run("restart", """
                digraph restart {
                    start  [shape=Mdiamond]
                    seed   [prompt="Seed context"]
                    check  [shape=diamond]
                    leaked [shape=parallelogram, tool_command="exit 1"]
                    done   [shape=Msquare]
                    start -> seed
                    seed -> check [loop_restart=true]
                    check -> leaked [condition="last_stage=seed"]
                    check -> done [condition="last_stage!=seed"]
                    leaked -> done
                }
                """);

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.checkpoint().path("status").asText()).isEqualTo("restarted");
        assertThat(r.logs().resolve("seed/status.json")).exists();
        JsonNode fresh = JSON.readTree(r.logs().resolve("restart-1/checkpoint.json").toFile());
        assertThat(fresh.path("context").has("last_stage")).isFalse();
        assertThat(fresh.path("completed_nodes").toString()).contains("\"check\"").doesNotContain("leaked");
    }

    @Test
    void humanGatesWriteTheirQuestionAndTheAnswer() throws Exception {
        Result r = run("gates", """
                digraph gates {
                    start [shape=Mdiamond]
                    free  [shape=hexagon, prompt="Provide free text"]
                    pick  [shape=hexagon, label="Choose route"]
                    done  [shape=Msquare]
                    start -> free -> pick
                    pick -> done [label="A) Continue"]
                    pick -> done [label="B) Also continue"]
                }
                """);

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(r.logs().resolve("free/prompt.md"))).contains("Provide free text");
        assertThat(Files.readString(r.logs().resolve("pick/prompt.md"))).contains("Choose route")
                .contains("A) Continue").contains("B) Also continue");
        assertThat(Files.readString(r.logs().resolve("pick/response.md"))).contains("A) Continue");
        assertThat(r.checkpoint().path("context").path("human.gate.label").asText()).isEqualTo("A) Continue");
    }

    @Test
    void toolNodesRunTheirPreAndPostHooks() throws Exception {
        Result r = run("hooks", """
                digraph hooks {
                    start [shape=Mdiamond]
                    tool  [shape=parallelogram, tool_command="echo hello",
                           tool_hooks.pre="echo \\"$TOOL_NAME:$NODE_ID\\" > \\"$ATTRACTOR_STAGE_DIR/pre-hook.txt\\"",
                           tool_hooks.post="echo \\"$TOOL_NAME:$NODE_ID:$EXIT_CODE\\" > \\"$ATTRACTOR_STAGE_DIR/post-hook.txt\\""]
                    veto  [shape=parallelogram, tool_command="touch \\"$ATTRACTOR_STAGE_DIR/ran\\"", tool_hooks.pre="exit 9"]
                    done  [shape=Msquare]
                    start -> tool -> veto -> done
                }
                """);

        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(Files.readString(r.logs().resolve("tool/pre-hook.txt")).strip()).isEqualTo("shell:tool");
        assertThat(Files.readString(r.logs().resolve("tool/post-hook.txt")).strip()).isEqualTo("shell:tool:0");
        assertThat(r.logs().resolve("veto/ran")).doesNotExist();
        assertThat(r.checkpoint().path("node_outcomes").path("veto").path("failure_reason").asText())
                .contains("tool_hooks.pre").contains("code 9");
    }

    @Test
    void autoStatusTurnsAToolsNonZeroExitWithoutAStatusIntoASuccessThatSaysSo() throws Exception {
        Result r = run("auto", """
                digraph auto {
                    start [shape=Mdiamond]
                    tool  [shape=parallelogram, auto_status=true, tool_command="echo intentional >&2; exit 7"]
                    plain [shape=parallelogram, tool_command="exit 7"]
                    done  [shape=Msquare]
                    start -> tool -> plain -> done
                }
                """);

        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        JsonNode outcomes = r.checkpoint().path("node_outcomes");
        assertThat(outcomes.path("tool").path("status").asText()).isEqualTo("success");
        assertThat(outcomes.path("tool").path("notes").asText()).contains("auto_status synthesized success")
                .contains("code 7");
        assertThat(r.checkpoint().path("context").path("tool.exit_code").asInt()).isEqualTo(7);
        assertThat(outcomes.path("plain").path("status").asText()).isEqualTo("fail");
    }

    @Test
    void aManagerWithoutAChildWaitsForItsStopKeyAndNamesMaxCyclesWhenItRunsOut() throws Exception {
        String dot = """
                digraph manager {
                    start   [shape=Mdiamond]
                    manager [shape=house, max_cycles=2, stop_condition_key="manager.stop", wait_ms=1]
                    done    [shape=Msquare]
                    start -> manager -> done
                }
                """;
        Result r = run("manager", dot);

        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("max_cycles (2) exceeded");

        Result stopped = run("stopped", dot, "--set", "manager.stop=true");
        assertThat(stopped.code()).as(stopped.err()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aFailedGoalGateWithoutARouteSaysItIsAGoalGate() throws Exception {
        Result r = run("gate", """
                digraph gate {
                    start [shape=Mdiamond]
                    tool  [shape=parallelogram, tool_command="exit 1", goal_gate=true]
                    done  [shape=Msquare]
                    start -> tool -> done
                }
                """);

        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("goal gate 'tool' failed");
    }
}
