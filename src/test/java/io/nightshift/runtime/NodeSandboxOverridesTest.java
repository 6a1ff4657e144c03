package io.nightshift.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.SandboxInfo;
import io.nightshift.sandbox.docker.SandboxReaper;
import io.nightshift.twin.RecordedRequest;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: a node's own {@code sandbox.*} attributes apply to that node's tools and agent, in a container of its
 * own, while the other nodes keep the run's sandbox; and tool commands may write their own stage directory but
 * nothing else of the run directory. Real engine, real runs.
 */
@Tag("docker")
class NodeSandboxOverridesTest {

    /** Prints the network interfaces and the memory limit (cgroup v1 or v2) the command sees. */
    static final String PROBE = "echo net: $(ls /sys/class/net); echo mem: $(cat /sys/fs/cgroup/memory/memory.limit_in_bytes"
            + " 2>/dev/null || cat /sys/fs/cgroup/memory.max)";

    @TempDir
    Path tmp;

    private RunResult run(Path pipeline, boolean simulate, Map<String, String> env) {
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), env);
        RunRequest request = new RunRequest(pipeline, simulate, true, tmp.resolve("run"), null, Map.of(), null,
                "docker", null, null, false, false);
        return launcher.run(request, launcher.plan(request), new AutoApproveInterviewer(), List.of(), line -> { });
    }

    private String output(String node) throws Exception {
        return Files.readString(tmp.resolve("run").resolve(node).resolve("tool_output.txt"));
    }

    @Test
    void aToolNodeWithItsOwnSettingsGetsThemWhileTheOthersKeepTheRunSandbox() throws Exception {
        Path pipeline = RunFixtures.dot(tmp, "overrides.dot", """
                digraph overrides {
                    start  [shape=Mdiamond]
                    done   [shape=Msquare]
                    first  [shape=parallelogram, tool_command="%1$s; echo from-first > /tmp/marker"]
                    online [shape=parallelogram, sandbox.network=bridge, tool_command="%1$s; cat /tmp/marker || echo no-marker"]
                    small  [shape=parallelogram, "sandbox.memory"="64m", tool_command="%1$s; cat /tmp/marker || echo no-marker"]
                    last   [shape=parallelogram, tool_command="%1$s; cat /tmp/marker"]
                    start -> first -> online -> small -> last -> done
                }
                """.formatted(PROBE.replace("\"", "\\\"")));

        RunResult result = run(pipeline, true, Map.of());

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        String twoGiB = Long.toString(2048L << 20);
        assertThat(output("first")).contains("net: lo\n", "mem: " + twoGiB);
        assertThat(output("online")).contains("mem: " + twoGiB, "no-marker").containsPattern("net: (eth0 lo|lo eth0)\n");
        assertThat(output("small")).contains("net: lo\n", "mem: " + (64L << 20), "no-marker");
        assertThat(output("last")).contains("net: lo\n", "mem: " + twoGiB, "from-first");
        try (DockerEngine engine = DockerEngine.connect()) {
            assertThat(new SandboxReaper(engine).list()).extracting(SandboxInfo::runId)
                    .noneMatch(run -> run.startsWith(result.runId()));
        }
    }

    @Test
    void anAgentNodeWithItsOwnSettingsRunsItsToolsInItsOwnSandbox() throws Exception {
        Path pipeline = RunFixtures.dot(tmp, "agents.dot", """
                digraph agents {
                    start   [shape=Mdiamond]
                    done    [shape=Msquare]
                    offline [prompt="OFFLINE look around", llm_provider="anthropic", llm_model="claude-opus-4-6"]
                    online  [prompt="ONLINE look around", llm_provider="anthropic", llm_model="claude-opus-4-6",
                             sandbox.network=bridge, sandbox.memory="96m"]
                    start -> offline -> online -> done
                }
                """);
        String script = io.nightshift.agent.Script.script()
                .tools("shell", Map.of("command", PROBE)).text("Looked offline.")
                .tools("shell", Map.of("command", PROBE)).text("Looked online.").build();
        RunResult result;
        List<RecordedRequest> requests;
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(script))) {
            result = run(pipeline, false, twin.environment());
            requests = twin.requests();
        }

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        assertThat(requests).hasSize(4);
        String offline = requests.get(1).json().toString();
        String online = requests.get(3).json().toString();
        assertThat(offline).contains("net: lo\\n", "mem: " + (2048L << 20));
        assertThat(online).containsPattern("net: (eth0 lo|lo eth0)\\\\n").contains("mem: " + (96L << 20));
    }

    @Test
    void runsSendCommandsThroughTheResidentRunnerUnlessANodeSaysEngine() throws Exception {
        Path pipeline = RunFixtures.dot(tmp, "exec.dot", """
                digraph exec {
                    start  [shape=Mdiamond]
                    done   [shape=Msquare]
                    fast   [shape=parallelogram, tool_command="echo runners: $(ls -d /tmp/.nightshift-runner.* 2>/dev/null | wc -l)"]
                    plain  [shape=parallelogram, sandbox.exec=engine, tool_command="echo runners: $(ls -d /tmp/.nightshift-runner.* 2>/dev/null | wc -l)"]
                    start -> fast -> plain -> done
                }
                """);

        RunResult result = run(pipeline, true, Map.of());

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        assertThat(output("fast")).isEqualTo("runners: 1\n");
        assertThat(output("plain")).isEqualTo("runners: 0\n");
    }

    @Test
    void toolCommandsWriteTheirOwnStageDirectoryButNothingElseOfTheRun() throws Exception {
        Path pipeline = RunFixtures.dot(tmp, "stage.dot", """
                digraph stage {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    judge [shape=parallelogram, tool_command="echo '{\\"outcome\\":\\"success\\",\\"context_updates\\":{\\"verdict\\":\\"clean\\"}}' > $ATTRACTOR_STAGE_DIR/status.json && echo details > $ATTRACTOR_STAGE_DIR/report.txt"]
                    probe [shape=parallelogram, tool_command="touch $ATTRACTOR_LOGS_ROOT/forged; touch $ATTRACTOR_LOGS_ROOT/judge/../checkpoint.json; echo > $ATTRACTOR_LOGS_ROOT/judge/status.json; echo verdict=$(grep -o clean $ATTRACTOR_LOGS_ROOT/checkpoint.json | head -1)"]
                    start -> judge -> probe -> done
                }
                """);

        RunResult result = run(pipeline, true, Map.of());

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        Path run = tmp.resolve("run");
        assertThat(Files.readString(run.resolve("judge/report.txt"))).isEqualTo("details\n");
        assertThat(Files.readString(run.resolve("checkpoint.json"))).contains("\"verdict\":\"clean\"");
        assertThat(output("probe")).contains("verdict=clean", "forged': Read-only file system",
                "checkpoint.json': Permission denied", "judge/status.json: Permission denied");
        assertThat(run.resolve("forged")).doesNotExist();
        assertThat(Files.readString(run.resolve("judge/status.json"))).contains("\"outcome\" : \"success\"");
    }
}
