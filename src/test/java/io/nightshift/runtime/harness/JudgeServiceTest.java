package io.nightshift.runtime.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.runtime.UnusableInputException;
import io.nightshift.runtime.scenario.ScenarioCatalog;
import io.nightshift.sandbox.docker.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JudgeService} where the command cannot reach: cancellation (Ctrl-C) and an engine that is not there. */
class JudgeServiceTest {

    @TempDir
    Path dir;

    @Test
    void anUnreachableEngineIsUnusableInputSayingHowToStartDocker() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(repo, "init", "-q");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "x");
        JudgeService service = new JudgeService(Map.of(),
                () -> DockerEngine.connect("unix:///nonexistent/docker.sock"));

        assertThatThrownBy(() -> service.judge(order("any-suite", repo)))
                .isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("cannot reach the Docker engine at unix:///nonexistent/docker.sock")
                .hasMessageContaining("start Docker");
    }

    @Test
    @Tag("docker")
    void cancellingRemovesTheJudgeContainersAndTheTemporaryClone() throws Exception {
        String name = "judge-cancel-" + UUID.randomUUID().toString().substring(0, 8);
        Path suite = Files.createDirectories(dir.resolve("suite"));
        Files.writeString(suite.resolve("suite.yaml"), "name: " + name + "\ntrials: 2\n");
        Files.writeString(suite.resolve("slow.feature"), """
                Feature: Slow
                  Scenario: Takes its time
                    When I run "sleep 120"
                    Then the exit code is 0
                """);
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(repo, "init", "-q");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "x");
        Set<String> before = judgeContainers();
        Set<String> clonesBefore = temporaryClones();
        try (ScenarioCatalog catalog = new ScenarioCatalog(null)) {
            assertThat(catalog.importSuite(suite, null).check().valid()).isTrue();
            JudgeService service = new JudgeService(Map.of());
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread judging = new Thread(() -> {
                try {
                    service.judge(new JudgeOrder(name, null, repo.toUri().toString(), null, null, null, null, 2,
                            null, false));
                } catch (Throwable t) {
                    outcome.set(t);
                }
            });
            judging.start();
            Set<String> started = awaitNewJudgeContainers(before, Duration.ofSeconds(60));
            assertThat(started).as("two trials run at once").hasSize(2);

            service.cancel();
            judging.join(Duration.ofSeconds(60).toMillis());

            assertThat(judging.isAlive()).as("judging stopped").isFalse();
            assertThat(outcome.get()).isInstanceOf(InterruptedException.class)
                    .hasMessageContaining("was interrupted");
            assertThat(allContainers()).doesNotContainAnyElementsOf(started);
            assertThat(temporaryClones()).isEqualTo(clonesBefore);
        } finally {
            try (ScenarioCatalog catalog = new ScenarioCatalog(null)) {
                catalog.remove(name);
            }
        }
    }

    private static JudgeOrder order(String suite, Path workspace) {
        return new JudgeOrder(suite, workspace, null, null, null, null, null, 0, null, false);
    }

    private static Set<String> awaitNewJudgeContainers(Set<String> before, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> seen = Set.of();
        while (System.nanoTime() < deadline) {
            seen = judgeContainers().stream().filter(id -> !before.contains(id)).collect(Collectors.toSet());
            if (seen.size() >= 2) {
                return seen;
            }
            Thread.sleep(200);
        }
        return seen;
    }

    private static Set<String> judgeContainers() throws Exception {
        return lines("docker", "ps", "-q", "--no-trunc", "--filter", "label=io.nightshift.role=judge");
    }

    private static Set<String> allContainers() throws Exception {
        return lines("docker", "ps", "-aq", "--no-trunc");
    }

    private static Set<String> temporaryClones() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("nightshift-judge-"))
                    .collect(Collectors.toSet());
        }
    }

    private static Set<String> lines(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        return output.lines().filter(l -> !l.isBlank()).collect(Collectors.toSet());
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        lines(command.toArray(String[]::new));
    }
}
