package io.nightshift.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.event.PipelineEvent;
import io.nightshift.runtime.PipelineLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19: the run's status (what {@code GET /pipelines/{id}} serves) shows each candidate of a stage and the winner. */
class CandidatesStatusTest {

    private static final String PIPELINE = """
            digraph c {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                work [prompt="Do it", candidates=3]
                start -> work -> exit
            }
            """;

    @TempDir
    Path runs;

    @Test
    void aSimulatedJobsStatusListsEachCandidateWithItsSideRefAndTheWinner() throws Exception {
        Map<String, String> env = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        RunSubmission job = new RunSubmission("job", PIPELINE, "c.dot", true, true, "do it", Map.of(),
                null, null, null, "local", null, false, null);
        try (RunRegistry registry = new RunRegistry(runs, new PipelineLoader(), env, e -> { }, 1, 64, true)) {
            ManagedRun run = registry.submit(job);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!run.state().terminal() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(run.state()).as(run.snapshot().failure()).isEqualTo(RunState.SUCCEEDED);
            RunSnapshot snapshot = run.snapshot();
            List<PipelineEvent.CandidateCompleted> candidates = snapshot.candidates().get("work");
            assertThat(candidates).extracting(PipelineEvent.CandidateCompleted::index).containsExactly(1, 2, 3);
            assertThat(candidates).extracting(PipelineEvent.CandidateCompleted::status).containsOnly("success");
            assertThat(candidates).extracting(PipelineEvent.CandidateCompleted::ref)
                    .allMatch(r -> r.startsWith("refs/nightshift/") && r.contains("/candidates/"));
            assertThat(snapshot.candidateWinners())
                    .as("nothing judged them and they cost nothing: the first wins the tie").containsEntry("work", 1);
        }
    }
}
