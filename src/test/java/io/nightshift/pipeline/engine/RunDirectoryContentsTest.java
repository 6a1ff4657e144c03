package io.nightshift.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.run.EventsFile;
import io.nightshift.pipeline.run.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run leaves on disk (attractor-spec 5.6, Appendix C; DESIGN.md run directory contract). */
class RunDirectoryContentsTest {

    static final String SMOKE = """
            digraph test_pipeline {
                graph [goal="Create a hello world Python script"]
                start       [shape=Mdiamond]
                plan        [shape=box, prompt="Plan how to create a hello world script for: $goal"]
                implement   [shape=box, prompt="Write the code based on the plan", goal_gate=true]
                review      [shape=box, prompt="Review the code for correctness"]
                done        [shape=Msquare]
                start -> plan
                plan -> implement
                implement -> review [condition="outcome=success"]
                implement -> plan   [condition="outcome=fail", label="Retry"]
                review -> done      [condition="outcome=success"]
                review -> implement [condition="outcome=fail", label="Fix"]
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void smokeTestWithSimulationBackendLeavesEveryArtifact() throws Exception {
        Path root = tmp.resolve("run");
        RunResult result = new PipelineEngine(RunConfig.builder(root).runId("smoke-1").build())
                .run(TestPipelines.prepare(SMOKE));

        assertThat(result.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(result.completedNodes()).contains("implement");
        for (String stage : List.of("plan", "implement", "review")) {
            assertThat(root.resolve(stage)).isDirectoryContaining("glob:**/prompt.md")
                    .isDirectoryContaining("glob:**/response.md").isDirectoryContaining("glob:**/status.json");
        }
        assertThat(Files.readString(root.resolve("plan/prompt.md")))
                .isEqualTo("Plan how to create a hello world script for: Create a hello world Python script");
        assertThat(Files.readString(root.resolve("plan/response.md")))
                .isEqualTo("[Simulated] Response for stage: plan");
        assertThat(result.nodeOutcomes()).containsEntry("implement", "success");

        JsonNode checkpoint = Json.mapper().readTree(root.resolve("checkpoint.json").toFile());
        assertThat(checkpoint.path("current_node").asText()).isEqualTo("done");
        assertThat(checkpoint.path("completed_nodes").toString())
                .isEqualTo("[\"start\",\"plan\",\"implement\",\"review\",\"done\"]");
        assertThat(checkpoint.path("node_outcomes").path("implement").path("status").asText()).isEqualTo("success");
        assertThat(checkpoint.path("node_retries").isObject()).isTrue();
        assertThat(checkpoint.path("context").path("graph.goal").asText())
                .isEqualTo("Create a hello world Python script");
        assertThat(checkpoint.path("logs").isArray()).isTrue();
        assertThat(checkpoint.path("timestamp").asText()).isNotEmpty();

        JsonNode manifest = Json.mapper().readTree(root.resolve("manifest.json").toFile());
        assertThat(manifest.path("name").asText()).isEqualTo("test_pipeline");
        assertThat(manifest.path("goal").asText()).isEqualTo("Create a hello world Python script");
        assertThat(manifest.path("run_id").asText()).isEqualTo("smoke-1");
        assertThat(manifest.path("start_time").asText()).isNotEmpty();
        assertThat(manifest.path("source_file").asText()).isEqualTo("test.dot");
    }

    @Test
    void statusFileHasTheAppendixCFieldsAndTheResolvedFidelity() throws Exception {
        Path root = tmp.resolve("run");
        new PipelineEngine(RunConfig.builder(root).build()).run(TestPipelines.prepare(SMOKE));

        JsonNode status = Json.mapper().readTree(root.resolve("review/status.json").toFile());
        assertThat(status.path("outcome").asText()).isEqualTo("success");
        assertThat(status.has("preferred_label")).isTrue();
        assertThat(status.path("suggested_next_ids").isArray()).isTrue();
        assertThat(status.path("context_updates").path("last_stage").asText()).isEqualTo("review");
        assertThat(status.path("notes").asText()).isEqualTo("Stage completed: review");
        assertThat(status.path("failure_reason").asText()).isEmpty();
        assertThat(status.path("fidelity").asText()).isEqualTo("compact");
        assertThat(status.path("thread_id").asText()).isEqualTo("implement");
    }

    @Test
    void eventsFileHoldsEveryEventInSequenceWithSnakeCaseTypes() throws Exception {
        Path root = tmp.resolve("run");
        RecordingSink sink = new RecordingSink();
        new PipelineEngine(RunConfig.builder(root).runId("r-42").sink(sink).build()).run(TestPipelines.prepare(SMOKE));

        List<String> lines = Files.readAllLines(root.resolve("events.jsonl"));
        assertThat(lines).hasSize(sink.events().size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode e = Json.mapper().readTree(lines.get(i));
            assertThat(e.path("seq").asLong()).isEqualTo(i + 1);
            assertThat(e.path("run_id").asText()).isEqualTo("r-42");
            assertThat(e.path("type").asText()).matches("[a-z_]+");
        }
        JsonNode first = Json.mapper().readTree(lines.get(0));
        assertThat(first.path("type").asText()).isEqualTo("pipeline_started");
        assertThat(first.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(Json.mapper().readTree(lines.get(lines.size() - 1)).path("type").asText())
                .isEqualTo("pipeline_completed");
        assertThat(EventsFile.read(root.resolve("events.jsonl"))).isEqualTo(sink.events());
    }

    @Test
    void stageEventsCarryNodeLabelHandlerTypeAttemptAndDuration() {
        RecordingSink sink = new RecordingSink();
        new PipelineEngine(RunConfig.builder(tmp.resolve("run")).sink(sink).build()).run(TestPipelines.prepare(SMOKE));

        PipelineEvent.StageCompleted plan = sink.ofType(PipelineEvent.StageCompleted.class).stream()
                .filter(e -> e.nodeId().equals("plan")).findFirst().orElseThrow();
        assertThat(plan.label()).isEqualTo("plan");
        assertThat(plan.handlerType()).isEqualTo("codergen");
        assertThat(plan.attempt()).isEqualTo(1);
        assertThat(plan.index()).isEqualTo(2);
        assertThat(plan.durationMs()).isGreaterThanOrEqualTo(0);
        assertThat(sink.ofType(PipelineEvent.CheckpointSaved.class)).extracting(PipelineEvent.CheckpointSaved::nodeId)
                .contains("start", "plan", "implement", "review", "done");
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws Exception {
        Path root = tmp.resolve("run");
        new PipelineEngine(RunConfig.builder(root).build()).run(TestPipelines.prepare(SMOKE));
        try (var files = Files.walk(root)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp"))).isEmpty();
        }
    }
}
