package io.nightshift.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an agent does with Nightshift over MCP, whatever the transport: lists the tools, submits a job whose pipeline
 * stops at a human gate, follows its events until the gate asks, answers it (first wrongly), and follows the events
 * to the end. Shared by the HTTP test and the stdio test so both transports are held to the same conversation.
 */
final class McpJobConversation {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String GATED = """
            digraph gated {
                graph [goal="Ship a reviewed change"]
                start  [shape=Mdiamond]
                exit   [shape=Msquare]
                build  [label="Build", prompt="Build it"]
                review [shape=hexagon, label="Ship this change?"]
                ship   [label="Ship", prompt="Ship it"]
                rework [label="Rework", prompt="Rework it"]
                start -> build -> review
                review -> ship   [label="[A] Approve"]
                review -> rework [label="[F] Fix"]
                rework -> exit
                ship -> exit
            }
            """;

    private McpJobConversation() {
    }

    /** A git repository with one commit, for a job to work on. */
    static Path repository(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("README.md"), "hello\n");
        for (List<String> cmd : List.of(List.of("git", "init", "-q", "-b", "main"), List.of("git", "add", "."),
                List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init"))) {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(cmd + ": " + out).isZero();
        }
        return dir;
    }

    static JsonNode call(McpSyncClient client, String tool, Map<String, Object> args) throws Exception {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, args));
        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        assertThat(r.isError()).as(tool + " answered an error: " + text).isFalse();
        return JSON.readTree(text);
    }

    /** The error text of a call that must be refused. */
    static String refusal(McpSyncClient client, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, args));
        assertThat(r.isError()).as(tool + " must be refused").isTrue();
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    /** Runs the conversation; returns the job's id. */
    static String run(McpSyncClient client, Path repo) throws Exception {
        client.initialize();
        assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("submit_job", "list_runs",
                "get_run", "read_events", "answer_question", "cancel_run");

        assertThat(refusal(client, "submit_job", Map.of("goal", "x", "dot", GATED, "simulate", true)))
                .contains("repository");
        String id = call(client, "submit_job", Map.of("repository", repo.toString(), "goal", "Ship a reviewed change",
                "dot", GATED, "simulate", true)).path("id").asText();
        assertThat(id).isNotBlank();

        List<String> types = new ArrayList<>();
        long since = follow(client, id, 0, types, "interview_started");
        // the event announces the gate just before its question is posted: the run is waiting once it is
        JsonNode run = call(client, "get_run", Map.of("id", id));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!run.path("status").asText().equals("waiting") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            run = call(client, "get_run", Map.of("id", id));
        }
        assertThat(run.path("status").asText()).isEqualTo("waiting");
        assertThat(run.path("simulated").asBoolean()).isTrue();
        assertThat(run.path("trigger").path("kind").asText()).as("what started the run").isEqualTo("mcp");
        JsonNode question = run.path("questions").get(0);
        assertThat(question.path("stage").asText()).isEqualTo("review");
        assertThat(question.path("valid_keys").toString()).contains("\"A\"", "\"F\"");

        String wrong = refusal(client, "answer_question", Map.of("id", id, "question_id",
                question.path("id").asText(), "value", "Z"));
        assertThat(wrong).contains("'Z'").contains("A").contains("F");
        JsonNode answered = call(client, "answer_question", Map.of("id", id, "question_id",
                question.path("id").asText(), "value", "A"));
        assertThat(answered.path("answer").asText()).isEqualTo("A");

        follow(client, id, since, types, null);
        assertThat(types.get(0)).isEqualTo("pipeline_started");
        assertThat(types.get(types.size() - 1)).isEqualTo("pipeline_completed");
        assertThat(types.indexOf("interview_started")).isLessThan(types.indexOf("interview_completed"));

        JsonNode done = call(client, "get_run", Map.of("id", id));
        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertThat(done.path("completed_nodes").toString()).contains("ship").doesNotContain("rework");
        assertThat(done.path("questions")).isEmpty();

        JsonNode listed = call(client, "list_runs", Map.of("status", "succeeded"));
        assertThat(listed.path("runs").findValuesAsText("id")).contains(id);
        assertThat(refusal(client, "list_runs", Map.of("status", "sleeping"))).contains("unknown status");
        JsonNode cancel = call(client, "cancel_run", Map.of("id", id));
        assertThat(cancel.path("canceled").asBoolean()).isFalse();
        assertThat(refusal(client, "get_run", Map.of("id", "no-such-run"))).contains("no-such-run");
        return id;
    }

    /**
     * Reads events with read_events from {@code since}, appending their types, until one of type {@code until}
     * arrives (or, when null, until the run has finished and every event was read); sequence numbers must follow one
     * another without gap or repeat. Returns the last sequence number read.
     */
    static long follow(McpSyncClient client, String id, long since, List<String> types, String until)
            throws Exception {
        long cursor = since;
        for (int calls = 0; calls < 400; calls++) {
            JsonNode page = call(client, "read_events", Map.of("id", id, "since", cursor, "wait_seconds", 5));
            for (JsonNode e : page.path("events")) {
                assertThat(e.path("seq").asLong()).isEqualTo(cursor + 1);
                cursor = e.path("seq").asLong();
                types.add(e.path("type").asText());
                if (e.path("type").asText().equals(until)) {
                    return cursor;
                }
            }
            assertThat(page.path("next_since").asLong()).isEqualTo(cursor);
            if (until == null && page.path("finished").asBoolean()) {
                return cursor;
            }
        }
        throw new AssertionError("the run's events never reached " + (until == null ? "the end" : until)
                + "; read: " + types);
    }
}
