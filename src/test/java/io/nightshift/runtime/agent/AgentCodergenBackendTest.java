package io.nightshift.runtime.agent;

import static io.nightshift.agent.Script.script;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.agent.AgentTwin;
import io.nightshift.event.EventKind;
import io.nightshift.agent.session.SessionConfig;
import io.nightshift.llm.Json;
import io.nightshift.pipeline.engine.PipelineEngine;
import io.nightshift.pipeline.engine.RunConfig;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.TestPipelines;
import io.nightshift.event.EventSink;
import io.nightshift.event.PipelineEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 second part: codergen stages run by agent sessions, through the real engine, against the twin.
 */
class AgentCodergenBackendTest {

    @TempDir
    Path dir;
    private AgentTwin t;
    private AgentCodergenBackend backend;
    private final List<String> tagged = new CopyOnWriteArrayList<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
        t.close();
    }

    private RunResult run(String dot, String script, SessionConfig config) throws Exception {
        Path workspace = dir.resolve("workspace");
        Files.createDirectories(workspace);
        t = new AgentTwin("anthropic", script, workspace);
        backend = new AgentCodergenBackend(t.client, t.env, new AgentBackendOptions(null, null, config, null));
        // agent events reach the run's own stream, tagged with their stage
        EventSink agentEvents = event -> {
            if (event instanceof PipelineEvent.AgentActivity a) {
                tagged.add(a.nodeId() + ":" + a.event().path("type").asText());
                events.add(a.event());
            }
        };
        return new PipelineEngine(RunConfig.builder(dir.resolve("logs")).backend(backend).environment(t.env)
                .sink(agentEvents).build()).run(TestPipelines.prepare(dot));
    }

    private static String pipeline(String fidelity) {
        return """
                digraph work {
                    goal="Add a greeting module"
                    start [shape=Mdiamond]
                    plan [prompt="PLAN the greeting module for $goal", llm_provider="anthropic", llm_model="claude-opus-4-6",
                          reasoning_effort="high", fidelity="%1$s", thread_id="main"]
                    implement [prompt="IMPLEMENT the plan", llm_provider="anthropic", llm_model="claude-opus-4-6",
                               fidelity="%1$s", thread_id="main"]
                    exit [shape=Msquare]
                    start -> plan -> implement -> exit
                }
                """.formatted(fidelity);
    }

    @Test
    void fullFidelityReusesTheSessionOfTheThread() throws Exception {
        RunResult result = run(pipeline("full"), script().text("Plan: one file.")
                .tools("write_file", Map.of("file_path", "greet.py", "content", "print('hi')\n"))
                .text("Implemented greet.py.").build(), SessionConfig.defaults());

        assertThat(result.succeeded()).as(result.failureReason()).isTrue();
        assertThat(Files.readString(dir.resolve("workspace/greet.py"))).isEqualTo("print('hi')\n");
        assertThat(t.userTextsIn(1)).containsExactly("PLAN the greeting module for Add a greeting module",
                "IMPLEMENT the plan");
        assertThat(events).filteredOn(e -> kind(e, EventKind.SESSION_START)).hasSize(1);
        assertThat(Files.readString(result.logsRoot().resolve("plan/response.md"))).isEqualTo("Plan: one file.");
        assertThat(Files.readString(result.logsRoot().resolve("implement/response.md"))).isEqualTo("Implemented greet.py.");
        assertThat(tagged).contains("plan:USER_INPUT", "implement:USER_INPUT", "implement:TOOL_CALL_END");
        assertThat(t.requests().getFirst().json().path("thinking").path("budget_tokens").asInt()).isEqualTo(24_576);
        assertThat(t.requests().get(1).json().has("thinking")).isFalse();
    }

    @Test
    void fullFidelityStagesAlsoGetTheLastHoldoutFeedback() throws Exception {
        Path workspace = dir.resolve("workspace");
        Files.createDirectories(workspace);
        t = new AgentTwin("anthropic", script().text("Plan: fix the greeting.").text("Fixed.").build(), workspace);
        backend = new AgentCodergenBackend(t.client, t.env, AgentBackendOptions.defaults());
        RunResult result = new PipelineEngine(RunConfig.builder(dir.resolve("logs")).backend(backend)
                .environment(t.env).set("harness.satisfaction", 0.0).set("harness.satisfied", false)
                .set("harness.feedback", "Scenario 'Greets the user' failed at expect_output.").build())
                .run(TestPipelines.prepare(pipeline("full")));

        assertThat(result.succeeded()).as(result.failureReason()).isTrue();
        assertThat(t.userTextsIn(1)).hasSize(2).first().asString().startsWith("# Holdout scenarios\n")
                .contains("Satisfaction: 0.0%", "Scenario 'Greets the user' failed at expect_output.")
                .endsWith("# Your task\n\nPLAN the greeting module for Add a greeting module");
    }

    @Test
    void otherFidelitiesStartAFreshSessionWithAPreamble() throws Exception {
        RunResult result = run(pipeline("compact"), script().text("Plan: one file.").text("Done.").build(),
                SessionConfig.defaults());

        assertThat(result.succeeded()).isTrue();
        List<String> second = t.userTextsIn(1);
        assertThat(second).singleElement().asString()
                .startsWith("# Pipeline context\nGoal: Add a greeting module\nRun: " + result.runId() + "\n")
                .contains("Completed stages (outcome):\n", "- plan: success")
                .contains("- last_stage: plan", "- last_response: Plan: one file.")
                .endsWith("# Your task\n\nIMPLEMENT the plan");
        assertThat(events).filteredOn(e -> kind(e, EventKind.SESSION_START)).hasSize(2);
        assertThat(events).filteredOn(e -> kind(e, EventKind.SESSION_END)).hasSize(2);
    }

    @Test
    void truncateFidelityCarriesOnlyTheGoalAndRunId() throws Exception {
        run(pipeline("truncate"), script().text("Plan.").text("Done.").build(), SessionConfig.defaults());
        assertThat(t.userTextsIn(1)).singleElement().asString()
                .matches("(?s)# Pipeline context\nGoal: Add a greeting module\nRun: [^\n]+\n\n# Your task\n\nIMPLEMENT the plan");
    }

    @Test
    void honoursTheStatusFileTheAgentWrites() throws Exception {
        String dot = """
                digraph review {
                    start [shape=Mdiamond]
                    review [prompt="Review the change", llm_provider="anthropic", llm_model="claude-opus-4-6"]
                    fix [prompt="Fix it", llm_provider="anthropic", llm_model="claude-opus-4-6"]
                    exit [shape=Msquare]
                    start -> review
                    review -> exit [label="Approve"]
                    review -> fix [label="Reject"]
                    fix -> exit
                }
                """;
        String status = "{\"outcome\": \"success\", \"preferred_label\": \"Approve\", "
                + "\"context_updates\": {\"review.verdict\": \"clean\"}, \"notes\": \"looks good\"}";
        RunResult result = run(dot, script()
                .tools("write_file", Map.of("file_path", ".nightshift/status.json", "content", status))
                .text("Approved.").build(), SessionConfig.defaults());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.completedNodes()).contains("review").doesNotContain("fix");
        assertThat(result.context()).containsEntry("review.verdict", "clean");
        JsonNode written = Json.MAPPER.readTree(result.logsRoot().resolve("review/status.json").toFile());
        assertThat(written.path("preferred_label").asText()).isEqualTo("Approve");
        assertThat(dir.resolve("workspace/.nightshift")).doesNotExist();
        assertThat(t.systemPromptIn(0)).contains(".nightshift/status.json");
    }

    @Test
    void failsTheStageWithTheReasonWhenTheAgentHitsALimit() throws Exception {
        String dot = """
                digraph limited {
                    start [shape=Mdiamond]
                    busy [prompt="Look around", llm_provider="anthropic", llm_model="claude-opus-4-6"]
                    exit [shape=Msquare]
                    start -> busy -> exit
                }
                """;
        RunResult result = run(dot, script().tools("glob", Map.of("pattern", "*")).tools("glob", Map.of("pattern", "*"))
                .build(), SessionConfig.builder().maxToolRoundsPerInput(1).build());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.nodeOutcomes()).containsEntry("busy", "fail");
        assertThat(result.failureReason()).contains("agent stopped at its tool round limit before finishing busy");
    }

    @Test
    void abortsTheSessionWhenTheStageTimesOut() throws Exception {
        String dot = """
                digraph slow {
                    start [shape=Mdiamond]
                    think [prompt="Think forever", llm_provider="anthropic", llm_model="claude-opus-4-6", timeout="1s"]
                    exit [shape=Msquare]
                    start -> think -> exit
                }
                """;
        RunResult result = run(dot, "{\"steps\": [{\"reply\": {\"hang\": true}}]}", SessionConfig.defaults());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.nodeOutcomes()).containsEntry("think", "fail");
        assertThat(events).filteredOn(e -> kind(e, EventKind.SESSION_END)).singleElement()
                .satisfies(e -> assertThat(e.path("reason").asText()).isEqualTo("aborted"));
    }

    private static boolean kind(JsonNode event, EventKind kind) {
        return kind.name().equals(event.path("type").asText());
    }
}
