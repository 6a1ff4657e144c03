package io.nightshift.harness.judge;

import static io.nightshift.harness.Scenarios.run;
import static io.nightshift.harness.Scenarios.scenario;
import static io.nightshift.harness.Scenarios.stdout;
import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.harness.Disclosure;
import io.nightshift.harness.Disclosures;
import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.Gate;
import io.nightshift.harness.GateRule;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.JudgeRequest;
import io.nightshift.harness.Judgment;
import io.nightshift.harness.Scenario;
import io.nightshift.harness.ScenarioResult;
import io.nightshift.harness.StepAction.Match;
import io.nightshift.harness.Suite;
import io.nightshift.harness.SuiteSettings;
import io.nightshift.sandbox.EnvPolicy;
import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import io.nightshift.sandbox.SandboxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Satisfaction as a statistic on this machine: adaptive trials, flaky scenarios, the lower-bound gate and judge
 * errors. The flaky program alternates pass and fail through a counter outside its snapshot, so "passes half its
 * trials" is exact (one trial at a time).
 */
class AdaptiveJudgingTest {

    private static final Gate LOWER = new Gate(GateRule.LOWER_BOUND, 0.95, 1.0);

    @TempDir
    Path tmp;

    private final LocalJudge judge = new LocalJudge("/usr/local/bin:/usr/bin:/bin");

    @Test
    void aFlakyScenarioIsReportedAsFlakyAndTheGateDecidesByTheLowerBound() throws Exception {
        Path repo = flakyRepo();
        Suite suite = suite(4, 4, 0.6, LOWER, stable(), flaky());

        Judgment j = judge.judge(JudgeRequest.of(suite, repo, "HEAD").withParallelism(1), JudgeListener.NONE);

        ScenarioResult flaky = j.scenarios().get(1);
        assertThat(flaky.satisfiedTrials()).isEqualTo(2);
        assertThat(flaky.countedTrials()).isEqualTo(4);
        assertThat(flaky.flaky()).isTrue();
        assertThat(j.scenarios().get(0).flaky()).isFalse();
        assertThat(j.satisfaction()).isEqualTo(0.75);
        // 6 of 8 is above 60% as a share, but its 95% Wilson lower bound (40.9%) is not: the gate says no.
        assertThat(j.estimate().interval().lower()).isLessThan(0.6);
        assertThat(j.reached()).isFalse();
        Judgment byPoint = new Judgment(j.suite(), j.version(), j.commit(), j.disclosure(), j.threshold(),
                j.scenarios(), j.startedAt(), j.durationMs(), Gate.DEFAULT);
        assertThat(byPoint.reached()).isTrue();

        DisclosedJudgment disclosed = Disclosures.disclose(j);
        assertThat(disclosed.flakyScenarios()).containsExactly("scenario 2");
        assertThat(disclosed.estimate().interval().lower()).isEqualTo(j.estimate().interval().lower());
        assertThat(disclosed.feedback()).contains("How sure: 95.0% Wilson interval [40.9%, 92.9%] straddles the "
                + "threshold 60.0%").contains("1 scenario(s) passed some runs and failed others on the same commit");
    }

    @Test
    void theFlakyWeightSetsHowMuchAFlakyScenarioCountsInTheGate() throws Exception {
        Path repo = flakyRepo();
        Suite suite = suite(4, 4, 0.5, new Gate(GateRule.LOWER_BOUND, 0.95, 0.0), stable(), flaky());

        Judgment j = judge.judge(JudgeRequest.of(suite, repo, "HEAD").withParallelism(1), JudgeListener.NONE);

        assertThat(j.scenarios().get(1).flaky()).isTrue();
        assertThat(j.estimate().interval().trials()).isEqualTo(4.0);
        assertThat(j.estimate().satisfaction()).isEqualTo(1.0);
        assertThat(j.reached()).as("4 of 4 stable trials: Wilson lower bound 51%").isTrue();
    }

    @Test
    void adaptiveTrialsStopAtTheFirstRoundOnAClearPassAndAClearFail() throws Exception {
        Path repo = flakyRepo();
        Suite passing = suite(3, 30, 0.5, LOWER, stable(), scenario("also stable", run("echo ok"),
                stdout(Match.CONTAINS, "ok")));
        Suite failing = suite(3, 30, 0.5, LOWER, scenario("never", run("echo no"), stdout(Match.CONTAINS, "ok")),
                scenario("never either", run("echo nope"), stdout(Match.CONTAINS, "ok")));

        Judgment pass = judge.judge(JudgeRequest.of(passing, repo, "HEAD").withParallelism(2), JudgeListener.NONE);
        Judgment fail = judge.judge(JudgeRequest.of(failing, repo, "HEAD").withParallelism(2), JudgeListener.NONE);

        assertThat(pass.scenarios()).allSatisfy(s -> assertThat(s.trials()).hasSize(3));
        assertThat(pass.reached()).isTrue();
        assertThat(pass.estimate().settled()).isTrue();
        assertThat(fail.scenarios()).allSatisfy(s -> assertThat(s.trials()).hasSize(3));
        assertThat(fail.reached()).isFalse();
        assertThat(fail.estimate().settled()).isTrue();
    }

    @Test
    void adaptiveTrialsAddTrialsWhileTheDecisionStraddlesTheThresholdWithinTheBudget() throws Exception {
        Path repo = flakyRepo();
        Suite suite = suite(2, 20, 0.5, LOWER, stable(), flaky());
        RecordingListener events = new RecordingListener();

        Judgment j = judge.judge(JudgeRequest.of(suite, repo, "HEAD").withParallelism(1), events);

        int each = j.scenarios().get(0).trials().size();
        assertThat(each).isGreaterThan(2).isLessThanOrEqualTo(20);
        assertThat(j.scenarios().get(1).trials()).hasSize(each);
        assertThat(j.scenarios().get(1).trials()).extracting(t -> t.trial())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, each).boxed().toList());
        assertThat(j.estimate().settled() || each == 20).isTrue();
        assertThat(j.reached()).isEqualTo(j.estimate().interval().lower() >= 0.5);
        assertThat(events.calls).startsWith("started " + suite.name() + " 2x2").contains("judged 0", "judged 1")
                .endsWith("completed");
    }

    @Test
    void aTrialTheJudgeCouldNotCompleteIsRetriedAndNeverCountedAsTheProgramsFailure() throws Exception {
        Path repo = flakyRepo();
        Suite suite = suite(2, 2, 0.5, Gate.DEFAULT, stable());
        AtomicInteger started = new AtomicInteger();
        int failing = SnapshotJudging.JUDGE_RETRIES + 1;
        // The first environments die under the runner (as a judge container that vanished would).
        TrialEnvironments environments = new BrokenAtFirst(failing, started);

        Judgment j = new SnapshotJudging(environments).judge(JudgeRequest.of(suite, repo, "HEAD")
                .withParallelism(1), JudgeListener.NONE).judgment();

        ScenarioResult s = j.scenarios().get(0);
        assertThat(started.get()).isEqualTo(failing + 1);
        assertThat(s.judgeErrors()).isEqualTo(1);
        assertThat(s.countedTrials()).isEqualTo(1);
        assertThat(s.satisfiedTrials()).isEqualTo(1);
        assertThat(j.satisfaction()).isEqualTo(1.0);
        assertThat(s.trials()).filteredOn(t -> t.judgeError()).singleElement()
                .satisfies(t -> assertThat(t.reason()).contains("judge environment failure"));
        assertThat(Disclosures.disclose(j).feedback()).contains("1 scenario run(s) could not be judged");

        AtomicInteger again = new AtomicInteger();
        Judgment allBroken = new SnapshotJudging(new BrokenAtFirst(100, again)).judge(
                JudgeRequest.of(suite(1, 1, 0.0, Gate.DEFAULT, stable()), repo, "HEAD"), JudgeListener.NONE)
                .judgment();
        assertThat(allBroken.totalTrials()).isZero();
        assertThat(allBroken.reached()).as("a program cannot pass by breaking its judge").isFalse();
    }

    private Path flakyRepo() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path counter = tmp.resolve("counter");
        Files.writeString(counter, "0");
        Path app = repo.resolve("app.sh");
        Files.writeString(app, "#!/bin/sh\nn=$(cat '" + counter + "')\necho $((n + 1)) > '" + counter + "'\n"
                + "if [ $((n % 2)) -eq 0 ]; then echo ok; else echo no; fi\n");
        Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rwxr-xr-x"));
        Repos.git(repo, "init", "-q", "-b", "main");
        Repos.git(repo, "add", "-A");
        Repos.git(repo, "commit", "-q", "-m", "app");
        return repo;
    }

    private static Scenario stable() {
        return scenario("stable", run("echo ok"), stdout(Match.CONTAINS, "ok"));
    }

    private static Scenario flaky() {
        return scenario("flaky", run("./app.sh"), stdout(Match.EQUALS, "ok"));
    }

    private static Suite suite(int trials, int maxTrials, double threshold, Gate gate, Scenario... scenarios) {
        return new Suite(new SuiteSettings("adaptive", trials, Disclosure.HINTS, threshold, null, gate, maxTrials,
                null), "v-adaptive", List.of(scenarios));
    }

    /** Local environments of which the first {@code broken} fail every command on the judge's side. */
    private static final class BrokenAtFirst implements TrialEnvironments {
        private final int broken;
        private final AtomicInteger started;

        BrokenAtFirst(int broken, AtomicInteger started) {
            this.broken = broken;
            this.started = started;
        }

        @Override
        public void prepare(JudgeRequest request) {
        }

        @Override
        public boolean disposable() {
            return false;
        }

        @Override
        public ExecutionEnvironment start(Path snapshot, Path home, JudgeRequest request) {
            LocalExecutionEnvironment env = new LocalExecutionEnvironment(snapshot,
                    Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", home.toString()), EnvPolicy.INHERIT_ALL);
            env.initialize();
            if (started.incrementAndGet() > broken) {
                return env;
            }
            return new Delegating(env) {
                @Override
                public ExecResult execCommand(String command, long timeoutMs, String workingDir,
                        Map<String, String> vars) {
                    throw new SandboxException("the judge container is gone", true);
                }
            };
        }
    }

    /** Passes everything to another environment. */
    private static class Delegating implements ExecutionEnvironment {
        private final ExecutionEnvironment env;

        Delegating(ExecutionEnvironment env) {
            this.env = env;
        }

        @Override
        public String readFile(String path, Integer offset, Integer limit) {
            return env.readFile(path, offset, limit);
        }

        @Override
        public void writeFile(String path, String content) {
            env.writeFile(path, content);
        }

        @Override
        public boolean fileExists(String path) {
            return env.fileExists(path);
        }

        @Override
        public List<io.nightshift.sandbox.DirEntry> listDirectory(String path, int depth) {
            return env.listDirectory(path, depth);
        }

        @Override
        public ExecResult execCommand(String command, long timeoutMs, String workingDir, Map<String, String> vars) {
            return env.execCommand(command, timeoutMs, workingDir, vars);
        }

        @Override
        public String grep(String pattern, String path, io.nightshift.sandbox.GrepOptions options) {
            return env.grep(pattern, path, options);
        }

        @Override
        public List<String> glob(String pattern, String path) {
            return env.glob(pattern, path);
        }

        @Override
        public void initialize() {
            env.initialize();
        }

        @Override
        public void cleanup() {
            env.cleanup();
        }

        @Override
        public String workingDirectory() {
            return env.workingDirectory();
        }

        @Override
        public String platform() {
            return env.platform();
        }

        @Override
        public String osVersion() {
            return env.osVersion();
        }
    }
}
