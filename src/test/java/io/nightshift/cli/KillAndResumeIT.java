package io.nightshift.cli;

import static io.nightshift.cli.CliProcess.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL a real nightshift process mid-run, then resume it to success (issue 2, "Done when"). */
class KillAndResumeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRunKilledMidStageResumesWithoutRerunningFinishedStages() throws Exception {
        Path pipeline = dir.resolve("slow.dot");
        // 'slow' blocks on its first attempt only, so the kill lands inside a running stage. Its marker lives in the
        // run directory: a resume puts the workspace back to the checkpoint's commit (issue 6), files and all.
        Files.writeString(pipeline, """
                digraph slow {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    plan  [prompt="Plan it"]
                    slow  [shape=parallelogram, tool_command="if [ -f $ATTRACTOR_LOGS_ROOT/first-try ]; then echo resumed; else touch $ATTRACTOR_LOGS_ROOT/first-try; sleep 60; fi"]
                    review [prompt="Review it"]
                    start -> plan -> slow -> review -> done
                }
                """);
        Path logs = dir.resolve("run");
        Process p = CliProcess.builder(dir, "run", pipeline.toString(), "--logs-dir", logs.toString(),
                "--workspace", dir.toString(), "--sandbox", "local", "--simulate").redirectErrorStream(true)
                .redirectOutput(dir.resolve("first.log").toFile()).start();
        // kill once the slow command itself is running (its marker exists), not merely once the stage started
        waitFor(() -> Files.exists(logs.resolve("first-try")), 60);
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(checkpoint(logs).path("completed_nodes")).extracting(JsonNode::asText).containsExactly("start", "plan");

        CliProcess.Result resumed = CliProcess.run(dir, "run", "--resume", logs.toString(), "--workspace", dir.toString(),
                "--sandbox", "local", "--simulate");

        assertThat(resumed.exitCode()).as(resumed.stdout() + resumed.stderr()).isZero();
        JsonNode cp = checkpoint(logs);
        assertThat(cp.path("current_node").asText()).isEqualTo("done");
        assertThat(cp.path("completed_nodes")).extracting(JsonNode::asText)
                .containsExactly("start", "plan", "slow", "review", "done");
        assertThat(startsOf(logs, "plan")).isEqualTo(1);
        assertThat(startsOf(logs, "slow")).isEqualTo(2);
        assertThat(Files.readString(logs.resolve("slow/tool_output.txt"))).contains("resumed");
    }

    @Test
    void killsAtRandomInstantsAlwaysLeaveARunThatResumesToSuccess() throws Exception {
        int stages = 150;
        StringBuilder dot = new StringBuilder("digraph long {\n start [shape=Mdiamond]\n done [shape=Msquare]\n");
        StringBuilder chain = new StringBuilder("start");
        for (int i = 1; i <= stages; i++) {
            dot.append(" s").append(i).append(" [prompt=\"step ").append(i).append("\"]\n");
            chain.append(" -> s").append(i);
        }
        dot.append(' ').append(chain).append(" -> done\n}\n");
        Path pipeline = dir.resolve("long.dot");
        Files.writeString(pipeline, dot);
        Path logs = dir.resolve("long-run");
        Random random = new Random(42);

        List<String> args = new ArrayList<>(List.of("run", pipeline.toString(), "--logs-dir", logs.toString(), "--sandbox", "local",
                "--simulate"));
        for (int kill = 0; kill < 3; kill++) {
            Process p = CliProcess.builder(dir, args.toArray(String[]::new)).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("kill" + kill + ".log").toFile()).start();
            int before = completed(logs);
            waitFor(() -> completed(logs) > before, 60);
            Thread.sleep(random.nextInt(300));
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            args = new ArrayList<>(List.of("run", "--resume", logs.toString(), "--sandbox", "local", "--simulate"));
        }

        CliProcess.Result last = CliProcess.run(dir, args.toArray(String[]::new));

        assertThat(last.exitCode()).as(last.stdout() + last.stderr()).isZero();
        List<String> done = new ArrayList<>();
        checkpoint(logs).path("completed_nodes").forEach(n -> done.add(n.asText()));
        assertThat(done).hasSize(stages + 2).doesNotHaveDuplicates().startsWith("start").endsWith("done");
        for (JsonNode event : eventsOf(logs)) {
            assertThat(event.has("type")).isTrue();
        }
    }

    private static int completed(Path logs) {
        try {
            return checkpoint(logs).path("completed_nodes").size();
        } catch (Exception notYet) {
            return 0;
        }
    }

    private static long startsOf(Path logs, String node) {
        return eventsOf(logs).stream().filter(e -> e.path("type").asText().equals("stage_started")
                && e.path("node_id").asText().equals(node)).count();
    }

    private static JsonNode checkpoint(Path logs) throws Exception {
        return JSON.readTree(logs.resolve("checkpoint.json").toFile());
    }

    /** Every complete line of events.jsonl; a torn last line (the kill) is skipped, as the engine does. */
    private static List<JsonNode> eventsOf(Path logs) {
        List<JsonNode> events = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(logs.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
                try {
                    events.add(JSON.readTree(line));
                } catch (Exception torn) {
                    // a line cut by the kill
                }
            }
        } catch (Exception notYet) {
            // no events yet
        }
        return events;
    }
}
