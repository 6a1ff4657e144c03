package io.nightshift.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.event.Trigger;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.workspace.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's schedules: a cron schedule submits its job once per due time, in order, with the schedule's name and
 * due time as the run's trigger; times missed while the service was down fire once on start (or are skipped, as
 * configured); a restart never submits a due time twice. The clock is moved, never waited for.
 */
class ScheduleRunnerTest {

    private static final String MARKER = """
            digraph marker {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                touch [shape=parallelogram, tool_command="echo made-here > marker.txt"]
                start -> touch -> exit
            }
            """;

    @TempDir
    Path tmp;

    private Path pipelines;
    private Path source;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void aRepositoryAndAPipeline() throws Exception {
        pipelines = Files.createDirectories(tmp.resolve("pipelines"));
        Files.writeString(pipelines.resolve("marker.dot"), MARKER);
        source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("README.md"), "nightly work\n");
        git(source, "init", "-q", "-b", "main");
        git(source, "add", "-A");
        git(source, "-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "initial");
    }

    private Schedule nightly(boolean runMissed) {
        return new Schedule("nightly", "0 2 * * *", "UTC", runMissed, "ops", new JobRequest(source.toString(), null,
                "Leave a nightly marker", "marker", null, "local", null, true, true, Map.of(), false));
    }

    private RunRegistry registry() {
        return new RunRegistry(tmp.resolve("runs"), new PipelineLoader(), Map.of("PATH",
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin")), e -> { }, 1, 64, true);
    }

    private ScheduleRunner runner(RunRegistry registry, Schedule schedule) {
        return new ScheduleRunner(List.of(schedule), new JobIntake(pipelines), new SubmissionGate(true, Map.of(),
                new PipelineLoader()), registry, new TriggerStore(tmp.resolve("runs")), clock);
    }

    @Test
    void aScheduleSubmitsItsJobOncePerDueTimeInOrder() throws Exception {
        try (RunRegistry registry = registry(); ScheduleRunner runner = runner(registry, nightly(true))) {
            assertThat(runner.tick()).as("first seen: counts from now, fires nothing for the past").isEmpty();
            clock.set("2026-01-01T01:59:59Z");
            assertThat(runner.tick()).isEmpty();
            clock.set("2026-01-01T02:00:20Z");
            ScheduleRunner.Firing first = runner.tick().getFirst();
            assertThat(runner.tick()).as("the same due time never twice").isEmpty();
            clock.set("2026-01-02T02:00:05Z");
            ScheduleRunner.Firing second = runner.tick().getFirst();

            assertThat(List.of(first.dueAt(), second.dueAt())).containsExactly(
                    Instant.parse("2026-01-01T02:00:00Z"), Instant.parse("2026-01-02T02:00:00Z"));
            ManagedRun run = registry.get(first.runId());
            assertThat(run.submission().trigger())
                    .isEqualTo(Trigger.schedule("nightly", Instant.parse("2026-01-01T02:00:00Z")));
            assertThat(run.submission().goal()).isEqualTo("Leave a nightly marker");
            assertThat(registry.ownerOf(run.id())).isEqualTo("ops");
            assertThat(registry.seqOf(first.runId())).isLessThan(registry.seqOf(second.runId()));
            awaitEnd(registry);
            assertThat(run.state()).as(String.valueOf(run.snapshot().failure())).isEqualTo(RunState.SUCCEEDED);
        }
    }

    @Test
    void dueTimesMissedWhileDownFireOnceOnStartAndARestartNeverSubmitsOneTwice() throws Exception {
        try (RunRegistry registry = registry(); ScheduleRunner runner = runner(registry, nightly(true))) {
            runner.tick();
            clock.set("2026-01-01T02:00:01Z");
            assertThat(runner.tick()).singleElement().satisfies(f -> assertThat(f.runId()).isNotNull());
            awaitEnd(registry);
        }
        clock.set("2026-01-04T03:00:00Z");
        try (RunRegistry registry = registry(); ScheduleRunner runner = runner(registry, nightly(true))) {
            registry.recover();
            assertThat(runner.tick()).as("three missed due times fire once, for the latest").singleElement()
                    .satisfies(f -> {
                        assertThat(f.dueAt()).isEqualTo(Instant.parse("2026-01-04T02:00:00Z"));
                        assertThat(f.runId()).isNotNull();
                    });
            awaitEnd(registry);
        }
        try (RunRegistry registry = registry(); ScheduleRunner runner = runner(registry, nightly(true))) {
            registry.recover();
            assertThat(runner.tick()).as("restarted at the same time: already handled").isEmpty();
            assertThat(registry.list()).hasSize(2);
        }
    }

    @Test
    void dueTimesMissedWhileDownAreSkippedWhenTheScheduleSaysSo() throws Exception {
        try (RunRegistry registry = registry(); ScheduleRunner runner = runner(registry, nightly(false))) {
            runner.tick();
        }
        clock.set("2026-01-04T03:00:00Z");
        try (RunRegistry registry = registry(); ScheduleRunner runner = runner(registry, nightly(false))) {
            assertThat(runner.tick()).singleElement().satisfies(f -> {
                assertThat(f.runId()).isNull();
                assertThat(f.note()).contains("skipped");
            });
            assertThat(registry.list()).isEmpty();
            clock.set("2026-01-05T02:00:10Z");
            assertThat(runner.tick()).singleElement().satisfies(f -> assertThat(f.runId()).isNotNull());
            awaitEnd(registry);
        }
    }

    @Test
    void aRefusedJobIsRecordedAndTheScheduleGoesOn() throws Exception {
        Schedule unknownPipeline = new Schedule("broken", "*/5 * * * *", "UTC", true, "", new JobRequest(
                source.toString(), null, "goal", "no-such-pipeline", null, "local", null, true, true, Map.of(), false));
        try (RunRegistry registry = registry(); ScheduleRunner runner = runner(registry, unknownPipeline)) {
            runner.tick();
            clock.set("2026-01-01T00:05:00Z");
            assertThat(runner.tick()).singleElement().satisfies(f -> {
                assertThat(f.runId()).isNull();
                assertThat(f.note()).contains("no pipeline named 'no-such-pipeline'");
            });
            clock.set("2026-01-01T00:10:00Z");
            assertThat(runner.tick()).singleElement().satisfies(f ->
                    assertThat(f.dueAt()).isEqualTo(Instant.parse("2026-01-01T00:10:00Z")));
        }
    }

    @Test
    void anUnusableScheduleNamesTheKeyToFix() {
        JobRequest job = new JobRequest(source.toString(), null, "goal", "marker", null, null, null, false, false,
                Map.of(), false);
        assertThatThrownBy(() -> new Schedule("nightly", "0 25 * * *", "UTC", true, "", job))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nightshift.schedules.nightly.cron '0 25 * * *' is not a Unix cron expression");
        assertThatThrownBy(() -> new Schedule("nightly", "0 2 * * *", "Mars/Olympus", true, "", job))
                .hasMessageContaining("nightshift.schedules.nightly.zone");
        assertThatThrownBy(() -> new Schedule("night/ly", "0 2 * * *", "UTC", true, "", job))
                .hasMessageContaining("schedule name 'night/ly'");
    }

    private static void awaitEnd(RunRegistry registry) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (registry.list().stream().anyMatch(r -> !r.state().terminal()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static void git(Path dir, String... args) {
        GitCli.Result r = GitCli.run(dir, args);
        assertThat(r.exit()).as(r.err()).isZero();
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void set(String instant) {
            now = Instant.parse(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
