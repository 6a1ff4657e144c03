package io.nightshift.agent.session;

import static io.nightshift.agent.Script.match;
import static io.nightshift.agent.Script.script;
import static io.nightshift.agent.Script.textReply;
import static io.nightshift.agent.Script.toolReply;
import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.agent.AgentTwin;
import io.nightshift.event.AgentEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coding-agent spec 7 and 9.9: subagent depth, scoping, send_input, close_agent. */
class SubagentTest {

    @TempDir
    Path dir;
    private AgentTwin t;

    @AfterEach
    void close() {
        t.close();
    }

    private List<String> allToolResults() {
        return IntStream.range(0, t.requests().size()).mapToObj(t::toolResultsIn).flatMap(List::stream).distinct().toList();
    }

    @Test
    void aSubagentCannotSpawnItsOwnSubagentsAtTheDefaultDepth() throws Exception {
        t = new AgentTwin("anthropic", script()
                .rule(match("user_contains", "PARENT", "turn", 1), toolReply("spawn_agent", Map.of("task", "CHILD go")))
                .rule(match("user_contains", "PARENT", "turn", 2), toolReply("wait", Map.of("agent_id", "agent-1")))
                .rule(match("user_contains", "PARENT", "turn", 3), textReply("parent done"))
                .rule(match("user_contains", "CHILD", "turn", 1), toolReply("spawn_agent", Map.of("task", "GRANDCHILD")))
                .rule(match("user_contains", "CHILD", "turn", 2), textReply("child gave up on nesting"))
                .build(), dir);
        try (Session session = t.session()) {
            assertThat(session.submit("PARENT start").finalText()).isEqualTo("parent done");
        }
        assertThat(allToolResults()).anySatisfy(r -> assertThat(r).isEqualTo(
                "Tool error (spawn_agent): cannot spawn a subagent: this session is at depth 1 and max_subagent_depth is 1; do the work yourself"));
        assertThat(t.events.ofType(AgentEvent.SessionStart.class)).hasSize(2);
    }

    @Test
    void scopesASubagentToItsWorkingDirectoryAndSharesTheFilesystem() throws Exception {
        Files.createDirectories(dir.resolve("module"));
        Files.writeString(dir.resolve("module/inside.txt"), "scoped\n");
        t = new AgentTwin("gemini", script()
                .rule(match("user_contains", "PARENT", "turn", 1),
                        toolReply("spawn_agent", Map.of("task", "CHILD edit", "working_dir", "module")))
                .rule(match("user_contains", "PARENT", "turn", 2), toolReply("wait", Map.of("agent_id", "agent-1")))
                .rule(match("user_contains", "PARENT", "turn", 3), textReply("ok"))
                .rule(match("user_contains", "CHILD", "turn", 1), toolReply("read_file", Map.of("file_path", "inside.txt"),
                        "write_file", Map.of("file_path", "made.txt", "content", "child")))
                .rule(match("user_contains", "CHILD", "turn", 2), textReply("child ok"))
                .build(), dir);
        try (Session session = t.session()) {
            session.submit("PARENT start");
        }
        assertThat(Files.readString(dir.resolve("module/made.txt"))).isEqualTo("child");
        assertThat(allToolResults()).contains("1 | scoped");
    }

    @Test
    void sendsInputToAnIdleSubagentAndClosesIt() throws Exception {
        t = new AgentTwin("openai", script()
                .rule(match("user_contains", "PARENT", "turn", 1), toolReply("spawn_agent", Map.of("task", "CHILD count")))
                .rule(match("user_contains", "PARENT", "turn", 2), toolReply("wait", Map.of("agent_id", "agent-1")))
                .rule(match("user_contains", "PARENT", "turn", 3),
                        toolReply("send_input", Map.of("agent_id", "agent-1", "message", "CHILD-MORE again")))
                .rule(match("user_contains", "PARENT", "turn", 4), toolReply("wait", Map.of("agent_id", "agent-1")))
                .rule(match("user_contains", "PARENT", "turn", 5), toolReply("close_agent", Map.of("agent_id", "agent-1")))
                .rule(match("user_contains", "PARENT", "turn", 6), toolReply("wait", Map.of("agent_id", "agent-1")))
                .rule(match("user_contains", "PARENT", "turn", 7), textReply("all done"))
                .rule(match("user_contains", "CHILD count"), textReply("one"))
                .rule(match("user_contains", "CHILD-MORE"), textReply("two"))
                .build(), dir);
        try (Session session = t.session()) {
            assertThat(session.submit("PARENT start").finalText()).isEqualTo("all done");
        }
        List<String> results = allToolResults();
        assertThat(results).anyMatch(r -> r.contains("\"output\":\"one\"") && r.contains("\"turns_used\":1"));
        assertThat(results).anyMatch(r -> r.contains("\"output\":\"two\"") && r.contains("\"turns_used\":2"));
        assertThat(results).contains("Message delivered to agent agent-1",
                "{\"agent_id\": \"agent-1\", \"status\": \"completed\", \"closed\": true}",
                "Tool error (wait): no subagent with id 'agent-1'; known: none");
        assertThat(t.events.ofType(AgentEvent.SessionEnd.class)).hasSize(2);
    }
}
