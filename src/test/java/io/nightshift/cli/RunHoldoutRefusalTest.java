package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nightshift run} refuses held-out suites before the run starts, saying which flag accepts them. */
class RunHoldoutRefusalTest {

    private static final String MISSING = "never-imported-" + Long.toHexString(System.nanoTime());

    private static final String JUDGED = """
            digraph greet {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                judge [type="harness", harness.suite="greet"]
                start -> judge -> exit
            }
            """;

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new NightshiftCommand()).execute(args);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void aLocalSandboxIsRefusedWithoutTheFlagAndNothingRuns() throws Exception {
        Path pipeline = Files.writeString(dir.resolve("greet.dot"), JUDGED);

        Result r = run("run", pipeline.toString(), "--simulate", "--sandbox", "local", "--logs-dir",
                dir.resolve("run").toString());

        assertThat(r.code()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(r.err()).startsWith("nightshift: " + pipeline + ": the pipeline judges against held-out scenarios "
                + "(node judge suite 'greet')").contains("pass --allow-local-holdout").doesNotContain("\tat ");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    @Tag("docker")
    void aSuiteMissingFromTheStoreIsRefusedBeforeTheRunStarts() throws Exception {
        Path pipeline = Files.writeString(dir.resolve("greet.dot"), JUDGED.replace("\"greet\"", "\"" + MISSING + "\""));

        Result r = run("run", pipeline.toString(), "--simulate", "--sandbox", "local", "--allow-local-holdout",
                "--logs-dir", dir.resolve("run").toString());

        assertThat(r.code()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(r.err()).contains("the scenario store has no suite '" + MISSING + "'")
                .contains("nightshift scenarios import DIR --suite " + MISSING).doesNotContain("\tat ");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void validateReportsABadHarnessNodeWithItsLine() throws Exception {
        Path pipeline = Files.writeString(dir.resolve("bad.dot"), JUDGED.replace(
                "harness.suite=\"greet\"", "harness.suite=\"greet\", harness.threshold=7"));

        Result r = run("validate", pipeline.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains(pipeline + ":4:", "error harness_attributes: node 'judge': harness.threshold 7 "
                + "is outside [0, 1]");
    }
}
