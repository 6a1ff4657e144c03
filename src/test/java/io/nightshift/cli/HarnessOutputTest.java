package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.runtime.RunOutcome;
import io.nightshift.event.PipelineEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the terminal shows of holdout judging: progress lines and satisfaction at the end of the run. */
class HarnessOutputTest {

    @TempDir
    Path logs;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private ProgressRenderer renderer(ProgressRenderer.Level level) {
        return new ProgressRenderer(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), level, false);
    }

    @Test
    void progressShowsTheJudgmentAndInVerboseModeEachScenario() {
        ProgressRenderer r = renderer(ProgressRenderer.Level.VERBOSE);
        r.accept(new PipelineEvent.HarnessStarted("r", 1, Instant.EPOCH, "implement", "greet", "v1",
                "0123456789abcdef", 3, 2, 1));
        r.accept(new PipelineEvent.ScenarioJudged("r", 2, Instant.EPOCH, "implement", "greet", 1, "scenario 1",
                "Greets the user", null, 0, 2, "expect_output", "printed 'helo'", null, null));
        r.accept(new PipelineEvent.ScenarioJudged("r", 3, Instant.EPOCH, "implement", "greet", 2, "scenario 2",
                null, null, 2, 2, null, null, null, null));
        r.accept(new PipelineEvent.HarnessCompleted("r", 4, Instant.EPOCH, "implement", "greet", "v1",
                "0123456789abcdef", 1, 1, 2, 6, 1.0 / 3, 0.9, false, "feedback", 12));

        assertThat(out()).contains("implement: judging 0123456789 against suite greet (3 scenarios × 2, round 1)",
                "✗ Greets the user 0/2 (expect_output failed)", "✓ scenario 2 2/2",
                "implement: satisfaction 33.3% (2/6 trials, threshold 90.0%) below threshold");
    }

    @Test
    void theEndOfTheRunGivesSatisfactionPerSuite() throws Exception {
        Files.createDirectories(logs.resolve("harness"));
        Files.writeString(logs.resolve("harness/1.json"), """
                {"judgment": 1, "node_id": "judge", "round": 0, "suite": "greet", "commit": "abc",
                 "satisfaction": 0.5, "threshold": 1.0, "reached": false, "satisfied_trials": 1, "total_trials": 2}
                """);
        Files.writeString(logs.resolve("harness/2.json"), """
                {"judgment": 2, "node_id": "judge", "round": 0, "suite": "greet", "commit": "def",
                 "satisfaction": 1.0, "threshold": 1.0, "reached": true, "satisfied_trials": 2, "total_trials": 2}
                """);
        RunResult result = new RunResult("r", RunStatus.SUCCESS, "", "", List.of("judge"), Map.of(), Map.of(), logs,
                10);

        int code = RunCommand.summarize(RunOutcome.of(result), ProgressRenderer.Level.NORMAL,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(out()).contains("holdout: suite greet: satisfaction 100.0% (2/2 trials, threshold 100.0%, "
                + "reached) after 2 judgments: 50.0% -> 100.0%\nsucceeded in ");
    }
}
