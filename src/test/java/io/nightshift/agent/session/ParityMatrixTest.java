package io.nightshift.agent.session;

import static io.nightshift.agent.Script.match;
import static io.nightshift.agent.Script.script;
import static io.nightshift.agent.Script.textReply;
import static io.nightshift.agent.Script.toolReply;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.agent.AgentTwin;
import io.nightshift.agent.Script;
import io.nightshift.event.AgentEvent;
import io.nightshift.event.EventKind;
import io.nightshift.llm.Providers;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.ShellRendezvous;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cross-provider parity matrix of coding-agent spec 9.12: every row for every profile, over real HTTP
 * against the twin, with tools acting on a temporary directory through the local environment
 * ({@link DockerParityMatrixTest} runs the same rows in a Docker sandbox).
 */
class ParityMatrixTest {

    @TempDir
    Path dir;
    private AgentTwin t;

    @AfterEach
    void close() {
        if (t != null) {
            t.close();
        }
    }

    private AgentTwin twin(String provider, Script script) {
        t = new AgentTwin(provider, script.build(), dir, this::environment);
        return t;
    }

    /** The environment the agent's tools act on {@code workspace} through. */
    ExecutionEnvironment environment(Path workspace) {
        return AgentTwin.localEnvironment(workspace);
    }

    /** The provider's native edit: apply_patch for OpenAI, edit_file for the others. */
    static Object[] edit(String provider, String file, String oldLine, String newLine) {
        if (provider.equals(Providers.OPENAI)) {
            return new Object[] {"apply_patch", Map.of("patch", "*** Begin Patch\n*** Update File: " + file + "\n@@\n-"
                    + oldLine + "\n+" + newLine + "\n*** End Patch\n")};
        }
        return new Object[] {"edit_file", Map.of("file_path", file, "old_string", oldLine, "new_string", newLine)};
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void createsAFileForASimpleTask(String provider) throws Exception {
        AgentTwin t = twin(provider, script()
                .tools("write_file", Map.of("file_path", "hello.py", "content", "print('Hello World')\n"))
                .text("Created hello.py."));
        try (Session session = t.session()) {
            ProcessingResult result = session.submit("Create hello.py that prints Hello World");

            assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
            assertThat(result.finalText()).isEqualTo("Created hello.py.");
            assertThat(Files.readString(dir.resolve("hello.py"))).isEqualTo("print('Hello World')\n");
            assertThat(t.toolResultsIn(1)).singleElement().asString().startsWith("Wrote 21 bytes to hello.py");
            assertThat(t.toolNamesIn(0)).containsExactlyElementsOf(t.profile().toolRegistry().names());
            if (provider.equals(Providers.GEMINI)) {
                assertThat(t.requests().getFirst().json().path("safetySettings").get(0).path("category").asText())
                        .isEqualTo("HARM_CATEGORY_DANGEROUS_CONTENT");
            }
            assertThat(t.events.kinds()).containsSubsequence(EventKind.SESSION_START, EventKind.USER_INPUT,
                    EventKind.ASSISTANT_TEXT_END, EventKind.TOOL_CALL_START, EventKind.TOOL_CALL_END,
                    EventKind.ASSISTANT_TEXT_START, EventKind.ASSISTANT_TEXT_DELTA, EventKind.ASSISTANT_TEXT_END,
                    EventKind.PROCESSING_END);
        }
        assertThat(t.events.kinds()).last().isEqualTo(EventKind.SESSION_END);
        assertThat(t.twin.remainingSteps()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void readsAFileThenEditsIt(String provider) throws Exception {
        Files.writeString(dir.resolve("app.py"), "import os\nprint('Hello')\n");
        AgentTwin t = twin(provider, script()
                .tools("read_file", Map.of("file_path", "app.py"))
                .tools(edit(provider, "app.py", "print('Hello')", "print('Goodbye')"))
                .text("Edited."));
        try (Session session = t.session()) {
            session.submit("Change the greeting in app.py to Goodbye");
        }
        assertThat(t.toolResultsIn(1)).containsExactly("1 | import os\n2 | print('Hello')");
        assertThat(Files.readString(dir.resolve("app.py"))).isEqualTo("import os\nprint('Goodbye')\n");
        assertThat(t.toolEnd(provider.equals(Providers.OPENAI) ? "apply_patch" : "edit_file").failed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void editsSeveralFilesInOneSession(String provider) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "alpha\n");
        Files.writeString(dir.resolve("b.txt"), "beta\n");
        Object[] first = edit(provider, "a.txt", "alpha", "ALPHA");
        Object[] second = edit(provider, "b.txt", "beta", "BETA");
        AgentTwin t = twin(provider, script()
                .tools(first[0], first[1], second[0], second[1])
                .text("Both edited.")
                .tools("write_file", Map.of("file_path", "c.txt", "content", "gamma\n"))
                .text("Third file written."));
        try (Session session = t.session()) {
            session.submit("Upper-case a.txt and b.txt");
            session.submit("Now add c.txt");
            assertThat(session.history()).filteredOn(turn -> turn instanceof Turn.UserTurn).hasSize(2);
        }
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("ALPHA\n");
        assertThat(Files.readString(dir.resolve("b.txt"))).isEqualTo("BETA\n");
        assertThat(Files.readString(dir.resolve("c.txt"))).isEqualTo("gamma\n");
        assertThat(t.events.kinds()).filteredOn(k -> k == EventKind.PROCESSING_END).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void runsAShellCommandAndShowsOutputAndExitCode(String provider) throws Exception {
        AgentTwin t = twin(provider, script()
                .tools("shell", Map.of("command", "echo out; echo err >&2; exit 3"))
                .text("It failed with 3."));
        try (Session session = t.session()) {
            session.submit("Run the script");
        }
        String result = t.toolResultsIn(1).getFirst();
        assertThat(result).contains("out", "err", "[exit code: 3,");
        assertThat(t.toolEnd("shell").output()).contains("out", "err");
        assertThat(t.events.kinds()).contains(EventKind.TOOL_CALL_OUTPUT_DELTA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void stopsACommandAtItsTimeoutAndTellsTheModel(String provider) throws Exception {
        AgentTwin t = twin(provider, script()
                .tools("shell", Map.of("command", "echo started; sleep 20; echo never", "timeout_ms", 500))
                .text("It timed out; I will retry with a longer timeout."));
        try (Session session = t.session()) {
            session.submit("Run the slow command");
        }
        String result = t.toolResultsIn(1).getFirst();
        assertThat(result).contains("started").doesNotContain("never")
                .contains("[ERROR: Command timed out after 500ms. Partial output is shown above.\n"
                        + "You can retry with a longer timeout by setting the timeout_ms parameter.]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void appliesTheProfileDefaultTimeoutWhenTheModelGivesNone(String provider) throws Exception {
        AgentTwin t = twin(provider, script()
                .tools("shell", Map.of("command", "sleep 1; echo finished"))
                .text("Done."));
        try (Session session = t.session(SessionConfig.builder().defaultCommandTimeoutMs(300).build())) {
            session.submit("Run it");
        }
        String result = t.toolResultsIn(1).getFirst();
        if (provider.equals(Providers.ANTHROPIC)) {
            assertThat(result).contains("finished").contains("[exit code: 0");
        } else {
            assertThat(result).contains("[ERROR: Command timed out after 300ms");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void findsFilesWithGrepAndGlob(String provider) throws Exception {
        Files.createDirectories(dir.resolve("src/pkg"));
        Files.writeString(dir.resolve("src/pkg/util.py"), "def helper():\n    return 1\n");
        Files.writeString(dir.resolve("src/main.py"), "from pkg.util import helper\n");
        Files.writeString(dir.resolve("notes.txt"), "nothing here\n");
        AgentTwin t = twin(provider, script()
                .tools("glob", Map.of("pattern", "**/*.py"), "grep", Map.of("pattern", "def \\w+\\(", "path", "src"))
                .text("helper is defined in src/pkg/util.py."));
        try (Session session = t.session()) {
            session.submit("Where is helper defined?");
        }
        List<String> results = t.toolResultsIn(1);
        assertThat(results.get(0).lines()).containsExactlyInAnyOrder("src/pkg/util.py", "src/main.py");
        assertThat(results.get(1)).contains("src/pkg/util.py:1:def helper():").doesNotContain("main.py");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void runsAMultiStepTaskOfReadingAnalysingAndEditing(String provider) throws Exception {
        Files.writeString(dir.resolve("count.txt"), "one\ntwo\nthree\n");
        Files.writeString(dir.resolve("report.md"), "lines: ?\n");
        AgentTwin t = twin(provider, script()
                .tools("read_file", Map.of("file_path", "report.md"))
                .tools("shell", Map.of("command", "wc -l < count.txt"))
                .tools(edit(provider, "report.md", "lines: ?", "lines: 3"))
                .text("Report updated."));
        try (Session session = t.session()) {
            ProcessingResult result = session.submit("Fill in the line count of count.txt in report.md");
            assertThat(result.toolRounds()).isEqualTo(3);
        }
        assertThat(t.toolResultsIn(2).get(1)).startsWith("3\n");
        assertThat(Files.readString(dir.resolve("report.md"))).isEqualTo("lines: 3\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void truncatesALargeFileForTheModelButNotForTheEventStream(String provider) throws Exception {
        Files.writeString(dir.resolve("big.txt"), "x".repeat(100_000));
        AgentTwin t = twin(provider, script()
                .tools("read_file", Map.of("file_path", "big.txt"))
                .text("That is a big file."));
        try (Session session = t.session()) {
            session.submit("Read big.txt");
        }
        String seen = t.toolResultsIn(1).getFirst();
        assertThat(seen).contains("[WARNING: Tool output was truncated. 50004 characters were removed from the middle.");
        assertThat(seen.length()).isLessThan(50_400);
        assertThat(t.toolEnd("read_file").output()).hasSize(100_004).startsWith("1 | xxx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void runsParallelToolCallsConcurrently(String provider) throws Exception {
        AgentTwin t = twin(provider, script()
                .tools("shell", Map.of("command", ShellRendezvous.command(provider, "first", 3)),
                        "shell", Map.of("command", ShellRendezvous.command(provider, "second", 3)),
                        "shell", Map.of("command", ShellRendezvous.command(provider, "third", 3)))
                .text("All three ran."));
        try (Session session = t.session()) {
            session.submit("Run the three checks");
        }
        List<String> results = t.toolResultsIn(1);
        assertThat(results).hasSize(3);
        // each command waits for the others' markers: all three started before any ended
        assertThat(results.get(0)).startsWith(ShellRendezvous.allStarted("first", 3));
        assertThat(results.get(1)).startsWith(ShellRendezvous.allStarted("second", 3));
        assertThat(results.get(2)).startsWith(ShellRendezvous.allStarted("third", 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void injectsASteeringMessageAfterTheCurrentToolRound(String provider) throws Exception {
        AgentTwin t = twin(provider, script()
                .tools("shell", Map.of("command", "sleep 0.5; echo building"))
                .text("Switching to the health endpoint only."));
        try (Session session = t.session()) {
            CompletableFuture<ProcessingResult> running = session.submitAsync("Build a web app with many routes");
            t.events.await(e -> e.kind() == EventKind.TOOL_CALL_START, 10_000);
            session.steer("Actually, just create a single /health endpoint");
            running.get(20, TimeUnit.SECONDS);
            assertThat(session.history()).filteredOn(turn -> turn instanceof Turn.SteeringTurn)
                    .extracting(turn -> ((Turn.SteeringTurn) turn).content())
                    .containsExactly("Actually, just create a single /health endpoint");
            assertThat(session.history().get(2)).isInstanceOf(Turn.ToolResultsTurn.class);
            assertThat(session.history().get(3)).isInstanceOf(Turn.SteeringTurn.class);
        }
        assertThat(t.userTextsIn(0)).containsExactly("Build a web app with many routes");
        assertThat(t.userTextsIn(1)).last().isEqualTo("Actually, just create a single /health endpoint");
        assertThat(t.events.kinds()).containsSubsequence(EventKind.TOOL_CALL_END, EventKind.STEERING_INJECTED,
                EventKind.ASSISTANT_TEXT_END);
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void appliesAReasoningEffortChangeOnTheNextCall(String provider) throws Exception {
        AgentTwin t = twin(provider, script().text("Quick answer.").text("Careful answer."));
        try (Session session = t.session(SessionConfig.builder().reasoningEffort("low").build())) {
            session.submit("First question");
            session.setReasoningEffort("high");
            session.submit("Second question");
        }
        assertThat(effort(provider, t.requests().get(0).json())).isEqualTo("low");
        assertThat(effort(provider, t.requests().get(1).json())).isEqualTo("high");
    }

    /** Where each provider's wire format carries the effort (Anthropic: as a thinking budget). */
    static String effort(String provider, JsonNode body) {
        return switch (provider) {
            case Providers.OPENAI -> body.path("reasoning").path("effort").asText();
            case Providers.GEMINI -> body.path("generationConfig").path("thinkingConfig").path("thinkingLevel").asText();
            default -> switch (body.path("thinking").path("budget_tokens").asInt()) {
                case 2048 -> "low";
                case 8192 -> "medium";
                case 24576 -> "high";
                default -> "none: " + body.path("thinking");
            };
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void spawnsASubagentAndWaitsForItsResult(String provider) throws Exception {
        AgentTwin t = twin(provider, script()
                .rule(match("user_contains", "PARENT", "turn", 1), toolReply("spawn_agent", Map.of("task", "SUBTASK write sub.txt")))
                .rule(match("user_contains", "PARENT", "turn", 2), toolReply("wait", Map.of("agent_id", "agent-1")))
                .rule(match("user_contains", "PARENT", "turn", 3), textReply("The subagent wrote sub.txt."))
                .rule(match("user_contains", "SUBTASK", "turn", 1),
                        toolReply("write_file", Map.of("file_path", "sub.txt", "content", "from the child\n")))
                .rule(match("user_contains", "SUBTASK", "turn", 2), textReply("child done")));
        String childId;
        try (Session session = t.session()) {
            ProcessingResult result = session.submit("PARENT: delegate writing sub.txt");
            assertThat(result.finalText()).isEqualTo("The subagent wrote sub.txt.");
            childId = t.events.ofType(AgentEvent.SessionStart.class).stream()
                    .filter(e -> session.id().equals(e.parentSessionId())).findFirst().orElseThrow().sessionId();
            assertThat(session.history()).noneMatch(turn -> turn instanceof Turn.UserTurn u && u.content().contains("SUBTASK"));
        }
        assertThat(Files.readString(dir.resolve("sub.txt"))).isEqualTo("from the child\n");
        List<String> waitResults = java.util.stream.IntStream.range(0, t.requests().size())
                .mapToObj(t::toolResultsIn).flatMap(List::stream).filter(r -> r.contains("turns_used")).distinct().toList();
        assertThat(waitResults).singleElement().asString()
                .contains("\"output\":\"child done\"", "\"success\":true", "\"turns_used\":2");
        assertThat(t.events.all()).anySatisfy(e -> {
            assertThat(e.sessionId()).isEqualTo(childId);
            assertThat(e).isInstanceOf(AgentEvent.ToolCallEnd.class);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void warnsTheModelWhenToolCallsRepeat(String provider) throws Exception {
        Map<String, Object> status = Map.of("command", "git status");
        Map<String, Object> list = Map.of("pattern", "*.txt");
        AgentTwin t = twin(provider, script()
                .tools("shell", status).tools("glob", list).tools("shell", status).tools("glob", list)
                .text("I will try something else."));
        try (Session session = t.session(SessionConfig.builder().loopDetectionWindow(4).build())) {
            session.submit("Check the state");
            assertThat(session.history()).filteredOn(turn -> turn instanceof Turn.SteeringTurn).singleElement()
                    .extracting(turn -> ((Turn.SteeringTurn) turn).content()).asString().startsWith("Loop detected");
        }
        assertThat(t.events.ofType(AgentEvent.LoopDetection.class)).singleElement().extracting(AgentEvent.LoopDetection::message)
                .isEqualTo("Loop detected: the last 4 tool calls follow a repeating pattern. Try a different approach.");
        assertThat(t.userTextsIn(4)).last().asString().startsWith("Loop detected");
        assertThat(t.userTextsIn(3)).noneMatch(text -> text.startsWith("Loop detected"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void letsTheModelRecoverFromAFailedTool(String provider) throws Exception {
        Files.writeString(dir.resolve("config.ini"), "debug=false\n");
        Object[] good = edit(provider, "config.ini", "debug=false", "debug=true");
        AgentTwin t = twin(provider, script()
                .tools("read_file", Map.of("file_path", "conf.ini"))
                .tools("glob", Map.of("pattern", "*.ini"))
                .tools(good)
                .text("Enabled debug."));
        try (Session session = t.session()) {
            ProcessingResult result = session.submit("Enable debug in the config");
            assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        }
        assertThat(t.toolResultsIn(1).getFirst()).startsWith("Tool error (read_file):").contains("conf.ini");
        assertThat(t.toolEnd("read_file").error()).startsWith("Tool error (read_file):");
        assertThat(isErrorFlag(provider, t.requests().get(1).json())).isTrue();
        assertThat(Files.readString(dir.resolve("config.ini"))).isEqualTo("debug=true\n");
    }

    /** Whether the last tool result on the wire is marked as an error (OpenAI has no such flag). */
    static boolean isErrorFlag(String provider, JsonNode body) {
        return switch (provider) {
            case Providers.ANTHROPIC -> body.path("messages").get(body.path("messages").size() - 1).path("content")
                    .path(0).path("is_error").asBoolean();
            case Providers.GEMINI -> body.path("contents").get(body.path("contents").size() - 1).path("parts").path(0)
                    .path("functionResponse").path("response").has("error");
            default -> true;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void usesTheProviderSpecificEditingFormat(String provider) throws Exception {
        Files.writeString(dir.resolve("config.py"), """
                DEFAULT_TIMEOUT = 30

                def load_config():
                    config = {}
                    config["debug"] = False
                    return config

                def other():
                    config = {}
                    config["debug"] = False
                """);
        Object[] call = switch (provider) {
            case Providers.OPENAI -> new Object[] {"apply_patch", Map.of("patch", """
                    *** Begin Patch
                    *** Update File: config.py
                    @@ DEFAULT_TIMEOUT = 30
                    -DEFAULT_TIMEOUT = 30
                    +DEFAULT_TIMEOUT = 60
                    @@ def load_config():
                         config = {}
                    -    config["debug"] = False
                    +    config["debug"] = True
                    *** End Patch
                    """)};
            case Providers.ANTHROPIC -> new Object[] {"edit_file", Map.of("file_path", "config.py",
                    "old_string", "config[\"debug\"] = False", "new_string", "config[\"debug\"] = True", "replace_all", true)};
            default -> new Object[] {"edit_file", Map.of("file_path", "config.py",
                    "old_string", "config[\"debug\"] = False", "new_string", "config[\"debug\"] = True",
                    "expected_replacements", 2)};
        };
        AgentTwin t = twin(provider, script().tools(call).text("Done."));
        try (Session session = t.session()) {
            session.submit("Turn debug on");
        }
        String after = Files.readString(dir.resolve("config.py"));
        if (provider.equals(Providers.OPENAI)) {
            assertThat(after).contains("DEFAULT_TIMEOUT = 60").containsOnlyOnce("config[\"debug\"] = True")
                    .containsOnlyOnce("config[\"debug\"] = False");
            assertThat(t.toolResultsIn(1).getFirst()).isEqualTo("Applied patch:\nM config.py");
        } else {
            assertThat(after).doesNotContain("False").contains("DEFAULT_TIMEOUT = 30");
            assertThat(t.toolResultsIn(1).getFirst()).isEqualTo("Edited config.py: 2 replacements");
        }
    }
}
