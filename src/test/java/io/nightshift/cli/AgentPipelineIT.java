package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's end-to-end run: plan, implement, run the program, review with a fail edge back to implement. The
 * agents are real coding-agent sessions; the model is the LLM twin playing a reviewer who rejects the first
 * attempt through status.json. Checks the files the agent wrote and what the user sees.
 */
class AgentPipelineIT {

    private static final String PIPELINE = """
            digraph factory {
                graph [goal="Write hello.py that prints hello, world"]
                start     [shape=Mdiamond]
                done      [shape=Msquare]
                plan      [prompt="TASK-PLAN: plan the work for: $goal"]
                implement [prompt="TASK-IMPL: implement the plan for: $goal"]
                run_it    [shape=parallelogram, tool_command="python3 hello.py"]
                review    [prompt="TASK-REVIEW: review hello.py against the goal: $goal"]
                start -> plan -> implement -> run_it
                run_it -> review    [condition="outcome=success"]
                run_it -> implement [condition="outcome=fail", label="Fix"]
                review -> done      [condition="outcome=success"]
                review -> implement [condition="outcome=fail", label="Rework"]
            }
            """;

    private static final String SCRIPT = """
            {"steps": [
              {"match": {"user_contains": "TASK-PLAN"}, "reply": {"text": "Plan: one file, hello.py, printing the greeting."}},
              {"match": {"user_contains": "TASK-IMPL"}, "reply": {"tool_calls": [
                  {"name": "write_file", "arguments": {"file_path": "hello.py", "content": "print('hello')\\n"}}]}},
              {"reply": {"text": "Wrote hello.py."}},
              {"match": {"user_contains": "TASK-REVIEW"}, "reply": {"tool_calls": [
                  {"name": "write_file", "arguments": {"file_path": ".nightshift/status.json",
                   "content": "{\\"outcome\\": \\"fail\\", \\"notes\\": \\"it must print hello, world\\"}"}}]}},
              {"reply": {"text": "Rejected: the greeting is incomplete."}},
              {"match": {"user_contains": "TASK-IMPL"}, "reply": {"tool_calls": [
                  {"name": "write_file", "arguments": {"file_path": "hello.py", "content": "print('hello, world')\\n"}}]}},
              {"reply": {"text": "Fixed the greeting."}},
              {"match": {"user_contains": "TASK-REVIEW"}, "reply": {"text": "Looks good."}}
            ]}
            """;

    @TempDir
    Path dir;

    @Test
    void aMultiStagePipelineOfAgentsWritesTheProgramAndLoopsBackOnAFailedReview() throws Exception {
        Files.writeString(dir.resolve("factory.dot"), PIPELINE);
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(SCRIPT))) {
            ProcessBuilder pb = CliProcess.builder(dir, "run", "factory.dot", "--logs-dir", "run", "--sandbox", "local");
            List.of("OPENAI_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY", "OPENAI_COMPATIBLE_BASE_URL")
                    .forEach(pb.environment()::remove);
            pb.environment().put("ANTHROPIC_API_KEY", twin.apiKey());
            pb.environment().put("ANTHROPIC_BASE_URL", twin.baseUrl());
            Path out = dir.resolve("out.txt");
            Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(out);

            assertThat(p.exitValue()).as(output).isZero();
            assertThat(twin.remainingSteps()).as("every scripted model turn was used").isZero();
            assertThat(Files.readString(dir.resolve("run/workspace/hello.py"))).isEqualTo("print('hello, world')\n");
            assertThat(dir.resolve("run/workspace/.nightshift/status.json")).doesNotExist();
            assertThat(Files.readString(dir.resolve("run/run_it/tool_output.txt"))).contains("hello, world");
            assertThat(Files.readString(dir.resolve("run/review/response.md"))).contains("Looks good.");
            assertThat(output).contains("llm: agent (anthropic)").contains("⚙ implement: write_file")
                    .contains("✗ review fail").contains("succeeded in");

            List<JsonNode> events = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(dir.resolve("run/events.jsonl"), StandardCharsets.UTF_8)) {
                events.add(json.readTree(line));
            }
            assertThat(events.stream().filter(e -> e.path("type").asText().equals("stage_started"))
                    .map(e -> e.path("node_id").asText()).toList())
                    .containsExactly("start", "plan", "implement", "run_it", "review", "implement", "run_it", "review", "done");
            assertThat(events.stream().filter(e -> e.path("type").asText().equals("agent_event"))
                    .map(e -> e.path("event").path("type").asText()).distinct().toList())
                    .contains("SESSION_START", "TOOL_CALL_START", "TOOL_CALL_END", "SESSION_END");
            long[] seqs = events.stream().mapToLong(e -> e.path("seq").asLong()).toArray();
            for (int i = 1; i < seqs.length; i++) {
                assertThat(seqs[i]).isEqualTo(seqs[i - 1] + 1);
            }
            assertThat(twin.requests().get(1).json().path("tools").findValuesAsText("name")).contains("write_file");
        }
    }
}
