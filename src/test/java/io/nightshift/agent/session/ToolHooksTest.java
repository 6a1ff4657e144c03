package io.nightshift.agent.session;

import static io.nightshift.agent.Script.script;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.agent.AgentTwin;
import io.nightshift.event.AgentEvent;
import io.nightshift.agent.hook.ToolHooks;
import io.nightshift.llm.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attractor-spec 9.7 tool hooks around every tool call, run through the execution environment. */
class ToolHooksTest {

    @TempDir
    Path dir;
    private AgentTwin t;

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void preHookRefusalSkipsTheCallAndTellsTheModel() throws Exception {
        t = new AgentTwin("anthropic", script()
                .tools("shell", Map.of("command", "touch ran.txt"), "write_file", Map.of("file_path", "ok.txt", "content", "ok"))
                .text("Noted.").build(), dir);
        ToolHooks hooks = new ToolHooks("test \"$NIGHTSHIFT_TOOL_NAME\" != shell || { echo 'shell is not allowed' >&2; exit 7; }", null);
        try (Session session = t.session(SessionConfig.builder().toolHooks(hooks).build())) {
            session.submit("Do things");
        }
        assertThat(dir.resolve("ran.txt")).doesNotExist();
        assertThat(dir.resolve("ok.txt")).exists();
        List<String> results = t.toolResultsIn(1);
        assertThat(results.get(0)).isEqualTo("Tool call skipped: the pre-tool hook refused it (exit 7: shell is not allowed)");
        assertThat(results.get(1)).startsWith("Wrote 2 bytes");
        assertThat(t.toolEnd("shell").error()).contains("pre-tool hook refused");
    }

    @Test
    void hooksReceiveMetadataOnStdinAndInEnvironmentVariables() throws Exception {
        t = new AgentTwin("anthropic", script()
                .tools("write_file", Map.of("file_path", "a.txt", "content", "hello"))
                .text("Done.").build(), dir);
        ToolHooks hooks = new ToolHooks("cat > pre.json; echo \"$NIGHTSHIFT_TOOL_CALL_ID\" > pre-id.txt",
                "cat > post.json");
        String sessionId;
        try (Session session = t.session(SessionConfig.builder().toolHooks(hooks).build())) {
            sessionId = session.id();
            session.submit("Write a.txt");
        }
        JsonNode pre = Json.MAPPER.readTree(dir.resolve("pre.json").toFile());
        JsonNode post = Json.MAPPER.readTree(dir.resolve("post.json").toFile());
        String callId = t.events.ofType(AgentEvent.ToolCallStart.class).getFirst().callId();
        assertThat(pre.path("hook").asText()).isEqualTo("pre");
        assertThat(pre.path("tool_name").asText()).isEqualTo("write_file");
        assertThat(pre.path("call_id").asText()).isEqualTo(callId);
        assertThat(pre.path("session_id").asText()).isEqualTo(sessionId);
        assertThat(pre.path("arguments").path("file_path").asText()).isEqualTo("a.txt");
        assertThat(Files.readString(dir.resolve("pre-id.txt")).strip()).isEqualTo(callId);
        assertThat(post.path("hook").asText()).isEqualTo("post");
        assertThat(post.path("output").asText()).isEqualTo("Wrote 5 bytes to a.txt");
        assertThat(post.path("is_error").asBoolean()).isFalse();
    }

    @Test
    void postHookFailureIsRecordedButDoesNotBlock() throws Exception {
        t = new AgentTwin("anthropic", script()
                .tools("write_file", Map.of("file_path", "a.txt", "content", "hello"))
                .text("Done.").build(), dir);
        try (Session session = t.session(SessionConfig.builder().toolHooks(new ToolHooks(null, "echo audit down >&2; exit 3")).build())) {
            assertThat(session.submit("Write").finalText()).isEqualTo("Done.");
        }
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("hello");
        assertThat(t.events.ofType(AgentEvent.Warning.class)).singleElement().extracting(AgentEvent.Warning::message)
                .asString().startsWith("post-tool hook failed for write_file").endsWith("exit 3: audit down");
    }
}
