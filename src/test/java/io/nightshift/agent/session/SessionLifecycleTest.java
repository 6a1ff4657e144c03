package io.nightshift.agent.session;

import static io.nightshift.agent.Script.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.agent.AgentException;
import io.nightshift.agent.AgentTwin;
import io.nightshift.event.AgentEvent;
import io.nightshift.agent.event.AgentEventQueue;
import io.nightshift.event.EventKind;
import io.nightshift.agent.profile.BuiltInProfile;
import io.nightshift.agent.profile.ProviderProfile;
import io.nightshift.agent.tool.RegisteredTool;
import io.nightshift.llm.Json;
import io.nightshift.llm.ToolDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coding-agent spec 9.1, 9.3, 9.6, 9.10, 9.11: the loop's limits, queues, abort and errors against the twin. */
class SessionLifecycleTest {

    @TempDir
    Path dir;
    private AgentTwin t;

    @AfterEach
    void close() {
        if (t != null) {
            t.close();
        }
    }

    private AgentTwin twin(String script) {
        t = new AgentTwin("anthropic", script, dir);
        return t;
    }

    @Test
    void stopsAtTheToolRoundLimitAndStaysUsable() {
        twin(script().tools("glob", Map.of("pattern", "*")).tools("glob", Map.of("pattern", "*"))
                .text("Second input answered.").build());
        try (Session session = t.session(SessionConfig.builder().maxToolRoundsPerInput(2).build())) {
            ProcessingResult result = session.submit("Keep looking");
            assertThat(result.stopReason()).isEqualTo(StopReason.ROUND_LIMIT);
            assertThat(result.toolRounds()).isEqualTo(2);
            assertThat(session.state()).isEqualTo(SessionState.IDLE);
            assertThat(t.events.ofType(AgentEvent.TurnLimit.class)).singleElement()
                    .satisfies(e -> assertThat(e.limit()).isEqualTo("max_tool_rounds_per_input"))
                    .satisfies(e -> assertThat(e.round()).isEqualTo(2));
            assertThat(session.submit("Now answer").stopReason()).isEqualTo(StopReason.COMPLETED);
        }
        assertThat(t.requests()).hasSize(3);
    }

    @Test
    void stopsAtTheSessionTurnLimitAcrossInputs() {
        twin(script().text("First answer.").tools("glob", Map.of("pattern", "*")).build());
        try (Session session = t.session(SessionConfig.builder().maxTurns(4).build())) {
            assertThat(session.submit("One").stopReason()).isEqualTo(StopReason.COMPLETED);
            ProcessingResult second = session.submit("Two");
            assertThat(second.stopReason()).isEqualTo(StopReason.TURN_LIMIT);
            assertThat(t.events.ofType(AgentEvent.TurnLimit.class)).singleElement()
                    .satisfies(e -> assertThat(e.limit()).isEqualTo("max_turns"))
                    .satisfies(e -> assertThat(e.totalTurns()).isEqualTo(4));
        }
        assertThat(t.requests()).hasSize(2);
    }

    @Test
    void abortKillsTheRunningCommandAndClosesTheSession() throws Exception {
        twin(script().tools("shell", Map.of("command", "sleep 30.4242; touch after.txt", "timeout_ms", 60_000))
                .text("never reached").build());
        Session session = t.session();
        CompletableFuture<ProcessingResult> running = session.submitAsync("Run the long job");
        t.events.await(e -> e.kind() == EventKind.TOOL_CALL_START, 10_000);
        Thread.sleep(300);
        session.abort();
        ProcessingResult result = running.get(60, TimeUnit.SECONDS);
        assertThat(result.stopReason()).isEqualTo(StopReason.ABORTED);
        assertThat(session.state()).isEqualTo(SessionState.CLOSED);
        assertThat(t.events.kinds()).last().isEqualTo(EventKind.SESSION_END);
        assertThat(t.events.ofType(AgentEvent.SessionEnd.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("aborted"));
        Thread.sleep(500);
        assertThat(processesMatching("sleep 30.4242")).isEmpty();
        assertThat(dir.resolve("after.txt")).doesNotExist();
        assertThat(t.requests()).hasSize(1);
        assertThatThrownBy(() -> session.submit("again")).isInstanceOf(AgentException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void abortCancelsTheLlmCallInFlight() throws Exception {
        twin("{\"steps\": [{\"reply\": {\"hang\": true}}]}");
        Session session = t.session();
        CompletableFuture<ProcessingResult> running = session.submitAsync("Think hard");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.requests().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        session.abort();
        ProcessingResult result = running.get(5, TimeUnit.SECONDS);
        assertThat(result.stopReason()).isEqualTo(StopReason.ABORTED);
        assertThat(session.state()).isEqualTo(SessionState.CLOSED);
        assertThat(t.events.kinds()).containsExactly(EventKind.SESSION_START, EventKind.USER_INPUT, EventKind.SESSION_END);
    }

    @Test
    void closesTheSessionOnAnAuthenticationError() {
        twin("{\"steps\": [{\"reply\": {\"error\": {\"status\": 401, \"message\": \"invalid x-api-key\"}}}]}");
        Session session = t.session();
        ProcessingResult result = session.submit("Hello");
        assertThat(result.stopReason()).isEqualTo(StopReason.ERROR);
        assertThat(result.error()).contains("invalid x-api-key");
        assertThat(session.state()).isEqualTo(SessionState.CLOSED);
        assertThat(t.events.ofType(AgentEvent.Error.class)).singleElement()
                .satisfies(e -> assertThat(e.errorType()).isEqualTo("AuthenticationException"))
                .satisfies(e -> assertThat(e.fatal()).isTrue());
        assertThat(t.events.kinds()).last().isEqualTo(EventKind.SESSION_END);
        assertThat(t.requests()).hasSize(1);
    }

    @Test
    void keepsTheSessionOpenWhenTheContextWindowOverflows() {
        twin("{\"steps\": [{\"reply\": {\"error\": {\"status\": 400, \"type\": \"invalid_request_error\", "
                + "\"message\": \"prompt is too long: 210000 tokens > 200000 maximum\"}}}, {\"reply\": {\"text\": \"ok\"}}]}");
        try (Session session = t.session()) {
            ProcessingResult result = session.submit("Huge input");
            assertThat(result.stopReason()).isEqualTo(StopReason.CONTEXT_OVERFLOW);
            assertThat(session.state()).isEqualTo(SessionState.IDLE);
            assertThat(t.events.ofType(AgentEvent.Warning.class)).singleElement().extracting(AgentEvent.Warning::message)
                    .asString().startsWith("the conversation no longer fits the context window");
            assertThat(t.events.ofType(AgentEvent.Error.class)).isEmpty();
            assertThat(session.submit("Smaller input").finalText()).isEqualTo("ok");
        }
    }

    @Test
    void runsToolCallsOneAfterAnotherWhenTheProfileDoesNotSupportParallelCalls() {
        twin(script().tools("shell", Map.of("command", "sleep 0.6; echo a"), "shell", Map.of("command", "sleep 0.6; echo b"))
                .text("Ok.").build());
        ProviderProfile base = t.profile();
        BuiltInProfile serial = new BuiltInProfile(base.id(), base.model(), base.toolRegistry(), base.baseInstructions(),
                base.projectDocNames(), base.shellTimeoutMs(), base.providerOptions(), true, true, false, 200_000, null, Map.of());
        long start = System.nanoTime();
        try (Session session = t.session(serial, SessionConfig.defaults())) {
            session.submit("Two checks");
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1_200);
        List<AgentEvent> toolEvents = t.events.all().stream()
                .filter(e -> e instanceof AgentEvent.ToolCallStart || e instanceof AgentEvent.ToolCallEnd).toList();
        assertThat(toolEvents).extracting(AgentEvent::kind).containsExactly(EventKind.TOOL_CALL_START,
                EventKind.TOOL_CALL_END, EventKind.TOOL_CALL_START, EventKind.TOOL_CALL_END);
    }

    @Test
    void turnsUnknownToolsAndInvalidArgumentsIntoErrorResults() {
        twin(script().tools("teleport", Map.of("to", "mars"), "read_file", Map.of("path", "x"))
                .text("Understood.").build());
        try (Session session = t.session()) {
            assertThat(session.submit("Go").stopReason()).isEqualTo(StopReason.COMPLETED);
        }
        List<String> results = t.toolResultsIn(1);
        assertThat(results.get(0)).startsWith("Unknown tool: teleport. Available tools: read_file, write_file, edit_file");
        assertThat(results.get(1)).isEqualTo("Invalid arguments for tool: read_file: $: missing required property 'file_path'");
        assertThat(t.events.ofType(AgentEvent.ToolCallEnd.class)).allSatisfy(e -> assertThat(e.failed()).isTrue());
    }

    @Test
    void offersCustomToolsAndLetsTheLatestRegistrationWin() {
        twin(script().tools("run_tests", Map.of("filter", "Fast"), "glob", Map.of("pattern", "*")).text("Ok.").build());
        ProviderProfile profile = t.profile();
        ToolDefinition runTests = new ToolDefinition("run_tests", "Run the test suite",
                Json.object().put("type", "object").set("properties",
                        Json.object().set("filter", Json.object().put("type", "string"))));
        profile.toolRegistry().register(new RegisteredTool(runTests,
                (args, inv) -> "ran tests matching " + args.path("filter").asText()));
        ToolDefinition glob = profile.toolRegistry().get("glob").definition();
        profile.toolRegistry().register(new RegisteredTool(glob, (args, inv) -> "custom glob"));
        try (Session session = t.session(profile, SessionConfig.defaults())) {
            session.submit("Test");
        }
        assertThat(t.toolNamesIn(0)).contains("run_tests").containsOnlyOnce("glob");
        assertThat(t.toolResultsIn(1)).containsExactly("ran tests matching Fast", "custom glob");
    }

    @Test
    void processesAFollowUpAfterTheCurrentInput() throws Exception {
        twin(script().tools("shell", Map.of("command", "sleep 0.3")).text("First done.").text("Follow-up done.").build());
        try (Session session = t.session()) {
            CompletableFuture<ProcessingResult> running = session.submitAsync("First");
            t.events.await(e -> e.kind() == EventKind.TOOL_CALL_START, 10_000);
            session.followUp("And then this");
            ProcessingResult result = running.get(10, TimeUnit.SECONDS);
            assertThat(result.finalText()).isEqualTo("Follow-up done.");
        }
        assertThat(t.events.ofType(AgentEvent.UserInput.class)).extracting(AgentEvent.UserInput::content)
                .containsExactly("First", "And then this");
        assertThat(t.events.kinds()).filteredOn(k -> k == EventKind.PROCESSING_END).hasSize(1);
        assertThat(t.userTextsIn(2)).containsExactly("First", "And then this");
    }

    @Test
    void deliversSteeringQueuedWhileIdleBeforeTheNextCall() {
        twin(script().text("Ok.").build());
        try (Session session = t.session()) {
            session.steer("Use British spelling");
            session.submit("Write a note");
        }
        assertThat(t.userTextsIn(0)).containsExactly("Write a note", "Use British spelling");
    }

    @Test
    void waitsForTheUserWhenTheModelAsksAQuestion() {
        twin(script().text("Which database should I use?").text("Using Postgres.").build());
        try (Session session = t.session()) {
            assertThat(session.submit("Set up storage").stopReason()).isEqualTo(StopReason.AWAITING_INPUT);
            assertThat(session.state()).isEqualTo(SessionState.AWAITING_INPUT);
            assertThat(session.submit("Postgres").stopReason()).isEqualTo(StopReason.COMPLETED);
            assertThat(session.state()).isEqualTo(SessionState.IDLE);
        }
    }

    @Test
    void warnsWhenTheContextWindowIsMostlyUsed() {
        twin(script().text("Ok.").build());
        ProviderProfile base = t.profile();
        BuiltInProfile small = new BuiltInProfile(base.id(), base.model(), base.toolRegistry(), base.baseInstructions(),
                base.projectDocNames(), base.shellTimeoutMs(), base.providerOptions(), true, true, true, 1_000, null, Map.of());
        try (Session session = t.session(small, SessionConfig.defaults())) {
            assertThat(session.submit("Hi").stopReason()).isEqualTo(StopReason.COMPLETED);
        }
        assertThat(t.events.ofType(AgentEvent.Warning.class)).singleElement().extracting(AgentEvent.Warning::message)
                .asString().matches("Context usage at ~\\d+% of context window");
    }

    @Test
    void streamsEventsThroughABlockingIteratorThatEndsWithTheSession() {
        twin(script().text("Hello there.").build());
        Session session = t.session();
        AgentEventQueue queue = session.subscribe();
        session.submit("Hi");
        session.close();
        List<EventKind> kinds = new ArrayList<>();
        queue.forEachRemaining(e -> kinds.add(e.kind()));
        assertThat(kinds).containsExactly(EventKind.USER_INPUT, EventKind.ASSISTANT_TEXT_START,
                EventKind.ASSISTANT_TEXT_DELTA, EventKind.ASSISTANT_TEXT_END, EventKind.PROCESSING_END,
                EventKind.SESSION_END);
    }

    @Test
    void keepsRunningWhenASinkThrows() {
        twin(script().text("Fine.").build());
        try (Session session = t.session()) {
            session.addSink(e -> {
                throw new IllegalStateException("broken sink");
            });
            assertThat(session.submit("Hi").finalText()).isEqualTo("Fine.");
        }
    }

    @Test
    void refusesEmptyInputAndConcurrentSubmits() throws Exception {
        twin(script().tools("shell", Map.of("command", "sleep 0.5")).text("Done.").build());
        try (Session session = t.session()) {
            assertThatThrownBy(() -> session.submit(" ")).isInstanceOf(AgentException.class).hasMessageContaining("empty");
            CompletableFuture<ProcessingResult> running = session.submitAsync("Work");
            t.events.await(e -> e.kind() == EventKind.TOOL_CALL_START, 10_000);
            assertThatThrownBy(() -> session.submit("More")).hasMessageContaining("already processing");
            running.get(10, TimeUnit.SECONDS);
        }
    }

    static List<String> processesMatching(String needle) throws Exception {
        Process ps = new ProcessBuilder("ps", "-eo", "args").start();
        String out = new String(ps.getInputStream().readAllBytes());
        ps.waitFor();
        return out.lines().filter(line -> line.contains(needle) && !line.contains("ps -eo")).toList();
    }
}
