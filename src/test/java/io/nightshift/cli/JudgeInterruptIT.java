package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (SIGINT) or SIGTERM during {@code nightshift judge}, sent to the packaged application as a shell or a job
 * runner would: exit 130 or 143, no container left. However the suite was started (a background shell ignores
 * SIGINT), the judge gets SIGINT at its default disposition ({@link CliProcess#withDefaultSigint}).
 */
@Tag("docker")
class JudgeInterruptIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalStopsJudgingRemovesTheJudgeContainersAndExitsWith128PlusItsNumber(String signal, int exitCode)
            throws Exception {
        String name = "judge-sig" + signal.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path suite = Files.createDirectories(dir.resolve("suite"));
        Files.writeString(suite.resolve("suite.yaml"), "name: " + name + "\ntrials: 2\n");
        Files.writeString(suite.resolve("slow.feature"), """
                Feature: Slow
                  Scenario: Takes its time
                    When I run "sleep 120"
                    Then the exit code is 0
                """);
        Path repo = Files.createDirectories(dir.resolve("repo"));
        shell("git", "-C", repo.toString(), "init", "-q");
        shell("git", "-C", repo.toString(), "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q",
                "--allow-empty", "-m", "x");
        assertThat(CliProcess.run(dir, "scenarios", "import", suite.toString()).exitCode()).isZero();
        Set<String> before = judgeContainers();
        try {
            Path out = dir.resolve("out.txt");
            Path err = dir.resolve("err.txt");
            Process judge = CliProcess.withDefaultSigint(CliProcess.builder(dir, "judge", "--suite", name,
                    "--workspace", repo.toString(), "--parallelism", "2")).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            Set<String> started = Set.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (started.size() < 2 && System.nanoTime() < deadline && judge.isAlive()) {
                Thread.sleep(200);
                started = judgeContainers().stream().filter(id -> !before.contains(id)).collect(Collectors.toSet());
            }
            assertThat(started).as(Files.readString(err, StandardCharsets.UTF_8)).hasSize(2);

            shell("kill", "-" + signal, Long.toString(judge.pid()));

            assertThat(judge.waitFor(60, TimeUnit.SECONDS)).as("judge stopped after SIG" + signal).isTrue();
            assertThat(judge.exitValue()).isEqualTo(exitCode);
            assertThat(Files.readString(err, StandardCharsets.UTF_8))
                    .contains("interrupted", "stopping the judgment", "was interrupted");
            assertThat(shell("docker", "ps", "-aq", "--no-trunc")).doesNotContainAnyElementsOf(started);
        } finally {
            CliProcess.run(dir, "scenarios", "rm", name);
        }
    }

    private static Set<String> judgeContainers() throws Exception {
        return shell("docker", "ps", "-q", "--no-trunc", "--filter", "label=io.nightshift.role=judge");
    }

    private static Set<String> shell(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        return output.lines().filter(l -> !l.isBlank()).collect(Collectors.toSet());
    }
}
