package io.nightshift.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.handler.CodergenResult;
import io.nightshift.pipeline.handler.StageCall;
import io.nightshift.pipeline.run.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed seam between the engine and a codergen backend: what the engine hands over, never through the context. */
class StageCallTest {

    static final String DOT = """
            digraph seam {
                graph [goal="Ship it", default_fidelity="full", "tool_hooks.post"="audit"]
                start [shape=Mdiamond]
                plan [prompt="Plan $goal", thread_id="main"]
                build [prompt="Build", fidelity="compact", "tool_hooks.pre"="guard"]
                done [shape=Msquare]
                start -> plan -> build -> done
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void theEngineHandsTheBackendItsStageWiringAndTheRunSoFar() {
        List<StageCall> calls = new CopyOnWriteArrayList<>();
        List<Map<String, String>> soFar = new CopyOnWriteArrayList<>();
        ScriptedBackend.Step record = call -> {
            calls.add(call);
            soFar.add(call.run().outcomes());
            assertThat(call.stageDir()).isDirectory();
            return CodergenResult.text("ok");
        };
        RunResult r = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).runId("run-7")
                .backend(new ScriptedBackend().on("plan", record).on("build", record)).build())
                .run(TestPipelines.prepare(DOT));

        assertThat(r.succeeded()).isTrue();
        assertThat(calls).extracting(c -> c.node().id(), StageCall::prompt, StageCall::fidelity, StageCall::runId,
                        c -> c.stageDir().getFileName().toString(), c -> c.toolHooks().pre(), c -> c.toolHooks().post())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("plan", "Plan Ship it", "full", "run-7", "plan", "", "audit"),
                        org.assertj.core.groups.Tuple.tuple("build", "Build", "compact", "run-7", "build", "guard",
                                "audit"));
        assertThat(calls.get(0).threadId()).isEqualTo("main");
        assertThat(soFar.get(0)).containsOnlyKeys("start");
        assertThat(soFar.get(1)).containsOnlyKeys("start", "plan");
    }

    @Test
    void eventsTheBackendEmitsJoinTheRunStreamInsideTheirStage() {
        RecordingSink sink = new RecordingSink();
        ScriptedBackend backend = new ScriptedBackend().on("plan", call -> {
            ObjectNode event = Json.mapper().createObjectNode().put("type", "USER_INPUT");
            call.events().emit((run, seq, at) -> new PipelineEvent.AgentActivity(run, seq, at, call.node().id(), event));
            return CodergenResult.text("ok");
        });
        new PipelineEngine(RunConfig.builder(tmp.resolve("run")).backend(backend).sink(sink).build())
                .run(TestPipelines.prepare(DOT));

        List<String> order = sink.events().stream()
                .filter(e -> e instanceof PipelineEvent.AgentActivity || e instanceof PipelineEvent.StageStarted s
                        && s.nodeId().equals("plan") || e instanceof PipelineEvent.StageCompleted c
                        && c.nodeId().equals("plan"))
                .map(e -> e.getClass().getSimpleName()).toList();
        assertThat(order).containsExactly("StageStarted", "AgentActivity", "StageCompleted");
    }

    @Test
    void neitherTheContextNorTheCheckpointHoldsStageWiring() throws Exception {
        RunResult r = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).build()).run(TestPipelines.prepare(DOT));

        assertThat(r.context().keySet()).noneMatch(k -> k.startsWith("internal."));
        JsonNode checkpoint = Json.mapper().readTree(tmp.resolve("run/checkpoint.json").toFile());
        assertThat(checkpoint.path("context").fieldNames()).toIterable().noneMatch(k -> k.startsWith("internal."));
    }

    @Test
    void aCheckpointFromAnEarlierVersionWithWiringKeysResumesWithoutThem() throws Exception {
        Graph graph = TestPipelines.prepare(DOT);
        Path run = tmp.resolve("run");
        new PipelineEngine(RunConfig.builder(run).build()).run(graph);
        // what an earlier version left: the plan stage done, its wiring in the context
        Path file = run.resolve("checkpoint.json");
        ObjectNode checkpoint = (ObjectNode) Json.mapper().readTree(file.toFile());
        checkpoint.put("current_node", "plan").put("status", "running");
        checkpoint.set("completed_nodes", Json.mapper().valueToTree(List.of("start", "plan")));
        ObjectNode context = (ObjectNode) checkpoint.path("context");
        context.put("internal.stage_dir", run.resolve("plan").toString()).put("internal.fidelity", "full")
                .put("internal.thread_id", "main").put("internal.tool_hooks.post", "audit");
        Files.write(file, Json.mapper().writeValueAsBytes(checkpoint));
        Files.deleteIfExists(run.resolve("final.json"));

        ScriptedBackend backend = new ScriptedBackend();
        RunResult resumed = new PipelineEngine(RunConfig.builder(run).backend(backend).resume(true).build()).run(graph);

        assertThat(resumed.succeeded()).isTrue();
        assertThat(backend.calledNodes()).containsExactly("build");
        assertThat(resumed.context().keySet()).noneMatch(k -> k.startsWith("internal."));
    }
}
