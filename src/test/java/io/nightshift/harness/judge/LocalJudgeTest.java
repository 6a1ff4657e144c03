package io.nightshift.harness.judge;

import static io.nightshift.harness.Scenarios.exitCode;
import static io.nightshift.harness.Scenarios.run;
import static io.nightshift.harness.Scenarios.scenario;
import static io.nightshift.harness.Scenarios.stdout;
import static io.nightshift.harness.Scenarios.suite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.harness.Disclosure;
import io.nightshift.harness.JudgeException;
import io.nightshift.harness.JudgeRequest;
import io.nightshift.harness.Judgment;
import io.nightshift.harness.JudgmentJson;
import io.nightshift.harness.StepAction.Match;
import io.nightshift.harness.StepKind;
import io.nightshift.harness.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local judge (operator-allowed holdout on this machine): trials, satisfaction, snapshots, progress. */
class LocalJudgeTest {

    @TempDir
    Path tmp;

    final LocalJudge judge = new LocalJudge("/usr/local/bin:/usr/bin:/bin");

    @Test
    void everyScenarioRunsItsTrialsAndSatisfactionIsSatisfiedOverAll() throws Exception {
        Path repo = Repos.app(tmp.resolve("repo"), "hello, world");
        Suite suite = suite("greeter", 3, Disclosure.HINTS,
                scenario("greets", run("./app.sh"), exitCode(0), stdout(Match.EQUALS, "hello, world")),
                scenario("greets loudly", run("./app.sh"), stdout(Match.EQUALS, "HELLO, WORLD")));
        RecordingListener events = new RecordingListener();

        Judgment j = judge.judge(JudgeRequest.of(suite, repo, "HEAD").withParallelism(2), events);

        assertThat(j.commit()).isEqualTo(Repos.head(repo));
        assertThat(j.totalTrials()).isEqualTo(6);
        assertThat(j.satisfiedTrials()).isEqualTo(3);
        assertThat(j.satisfaction()).isEqualTo(0.5);
        assertThat(j.reached()).isFalse();
        assertThat(j.scenarios().get(0).trials()).extracting(t -> t.trial()).containsExactly(1, 2, 3);
        assertThat(j.scenarios().get(1).trials()).allSatisfy(t -> {
            assertThat(t.failedKind()).isEqualTo(StepKind.EXPECT_OUTPUT);
            assertThat(t.observed()).contains("hello, world");
        });
        assertThat(events.calls).startsWith("started greeter 2x3").endsWith("completed")
                .contains("judged 0", "judged 1").hasSize(4);
        assertThat(events.completed.satisfaction()).isEqualTo(0.5);
        assertThat(JudgmentJson.write(events.completed)).doesNotContain("HELLO, WORLD");
    }

    @Test
    void requestOverridesTrialsAndThreshold() throws Exception {
        Path repo = Repos.app(tmp.resolve("repo"), "ok");
        Suite suite = suite("s", 3, Disclosure.VERDICT,
                scenario("a", run("./app.sh"), stdout(Match.EQUALS, "ok")),
                scenario("b", run("./app.sh"), stdout(Match.EQUALS, "no")));
        Judgment j = judge.judge(JudgeRequest.of(suite, repo, "main").withTrials(1).withThreshold(0.5), null);
        assertThat(j.totalTrials()).isEqualTo(2);
        assertThat(j.threshold()).isEqualTo(0.5);
        assertThat(j.reached()).isTrue();
    }

    @Test
    void eachTrialGetsAFreshSnapshotAndTheLiveWorkingTreeIsNeverJudged() throws Exception {
        Path repo = Repos.app(tmp.resolve("repo"), "committed");
        Repos.writeApp(repo, "live edit, not committed");
        Files.writeString(repo.resolve("untracked.txt"), "x");
        Suite suite = suite("iso", 4, Disclosure.FULL, scenario("fresh",
                run("test ! -e leftover && touch leftover && test ! -e untracked.txt && test ! -e .git"), exitCode(0),
                run("./app.sh"), stdout(Match.EQUALS, "committed")));

        Judgment j = judge.judge(JudgeRequest.of(suite, repo, "HEAD").withParallelism(2), null);

        assertThat(j.satisfiedTrials()).as(JudgmentJson.write(j)).isEqualTo(4);
        assertThat(repo.resolve("leftover")).doesNotExist();
        assertThat(Files.readString(repo.resolve("app.sh"))).contains("live edit");
    }

    @Test
    void anUnknownCommitIsRefusedClearly() throws Exception {
        Path repo = Repos.app(tmp.resolve("repo"), "ok");
        Suite suite = suite("s", 1, Disclosure.HINTS, scenario("a", run("true")));
        assertThatThrownBy(() -> judge.judge(JudgeRequest.of(suite, repo, "feature/nope"), null))
                .isInstanceOf(JudgeException.class)
                .hasMessageContaining("Cannot judge suite 's'")
                .hasMessageContaining("No commit 'feature/nope'");
    }
}
