package io.nightshift.cli;

import static io.nightshift.cli.CliProcess.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (SIGINT) or SIGTERM during {@code nightshift run}, sent to the packaged application: the run stops cleanly
 * (checkpoint written, the running command stopped), exits 130 or 143, and resumes to success. SIGINT reaches the
 * process at its default disposition however the suite was started ({@link CliProcess#withDefaultSigint}).
 */
class RunSignalIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalStopsTheRunCleanlyAndItResumes(String signal, int exitCode) throws Exception {
        Path pipeline = dir.resolve("slow.dot");
        // 'slow' blocks on its first attempt only; its markers live in the run directory (a resume resets the
        // workspace to the checkpoint's commit)
        Files.writeString(pipeline, """
                digraph slow {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    plan  [prompt="Plan it"]
                    slow  [shape=parallelogram, tool_command="if [ -f $ATTRACTOR_LOGS_ROOT/first-try ]; then echo resumed; else sleep 300 & echo $! > $ATTRACTOR_LOGS_ROOT/sleep.pid; touch $ATTRACTOR_LOGS_ROOT/first-try; wait; fi"]
                    start -> plan -> slow -> done
                }
                """);
        Path logs = dir.resolve("run");
        Path output = dir.resolve("first.log");
        Process p = CliProcess.withDefaultSigint(CliProcess.builder(dir, "run", pipeline.toString(), "--logs-dir",
                logs.toString(), "--sandbox", "local", "--simulate")).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        waitFor(() -> Files.exists(logs.resolve("first-try")), 60);
        long sleeper = Long.parseLong(Files.readString(logs.resolve("sleep.pid")).strip());

        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIG" + signal).isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(printed).isEqualTo(exitCode);
        assertThat(printed).contains("interrupted", "stopping the run", "cancelled after",
                "resume with: nightshift run --resume " + logs);
        // the stage's command dies with the run (a killed orphan may linger a moment as a zombie until reaped)
        waitFor(() -> !running(sleeper), 30);
        JsonNode checkpoint = JSON.readTree(logs.resolve("checkpoint.json").toFile());
        assertThat(checkpoint.path("completed_nodes")).extracting(JsonNode::asText).containsExactly("start", "plan");

        CliProcess.Result resumed = CliProcess.run(dir, "run", "--resume", logs.toString(), "--sandbox", "local",
                "--simulate");

        assertThat(resumed.exitCode()).as(resumed.stdout() + resumed.stderr()).isZero();
        assertThat(Files.readString(logs.resolve("slow/tool_output.txt"))).contains("resumed");
    }

    private static boolean running(long pid) {
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
