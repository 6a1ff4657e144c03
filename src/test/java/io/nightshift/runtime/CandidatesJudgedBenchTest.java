package io.nightshift.runtime;

import static io.nightshift.runtime.RunFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.harness.GateRule;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.JudgeRequest;
import io.nightshift.harness.Judgment;
import io.nightshift.harness.Suite;
import io.nightshift.harness.judge.LocalJudge;
import io.nightshift.harness.suite.SuiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture behind {@code bin/bench candidates-judged}, judged on this machine (no Docker): the generated suite
 * has 20 scenarios under a lower-bound gate with adaptive trials, and the three candidates' programs pass 20, 10 and
 * 3 of them, so the figures the bench prints come from candidates of the quality it claims.
 */
class CandidatesJudgedBenchTest {

    @TempDir
    Path tmp;

    private Judgment judge(Suite suite, int correctUpTo) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo" + correctUpTo));
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("prog.sh"), CandidatesJudgedBench.program(correctUpTo));
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "candidate");
        String commit = git(repo, "rev-parse", "HEAD").strip();
        return new LocalJudge(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))
                .judge(JudgeRequest.of(suite, repo, commit), JudgeListener.NONE);
    }

    @Test
    void theGeneratedSuiteGatesOnTheLowerBoundAndTheCandidatesPass20And10And3Scenarios() throws Exception {
        Suite suite = new SuiteLoader().loadDirectory(CandidatesJudgedBench.suite(tmp.resolve("suite")));
        assertThat(suite.scenarios()).hasSize(20);
        assertThat(suite.settings().gate().rule()).isEqualTo(GateRule.LOWER_BOUND);
        assertThat(suite.settings().maxTrials()).isGreaterThan(suite.settings().trials());

        Judgment all = judge(suite, 20);
        assertThat(all.satisfaction()).isEqualTo(1.0);
        assertThat(all.totalTrials()).as("20/20 is undecided at a threshold of 0.9: a second round").isEqualTo(40);
        assertThat(all.reached()).isTrue();
        Judgment half = judge(suite, 10);
        assertThat(half.satisfiedTrials()).isEqualTo(10);
        assertThat(half.totalTrials()).as("clearly below: decided after one round").isEqualTo(20);
        assertThat(half.reached()).isFalse();
        assertThat(judge(suite, 3).satisfiedTrials()).isEqualTo(3);
    }
}
