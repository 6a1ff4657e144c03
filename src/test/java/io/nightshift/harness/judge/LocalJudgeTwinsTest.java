package io.nightshift.harness.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.harness.JudgeRequest;
import io.nightshift.harness.Judgment;
import io.nightshift.harness.ScenarioResult;
import io.nightshift.harness.StepKind;
import io.nightshift.harness.Suite;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local judge runs a suite's twins in-process on loopback and gives the program their base URLs. */
class LocalJudgeTwinsTest {

    @TempDir
    Path tmp;

    @Test
    void theProgramCallsItsTwinFaultsAreInjectedAndARequestNeverMadeFailsClearly() throws Exception {
        Suite suite = TwinSuites.suite(tmp.resolve("suite"));
        Path repo = TwinSuites.program(tmp.resolve("repo"));

        Judgment j = new LocalJudge(System.getenv("PATH")).judge(JudgeRequest.of(suite, repo, "HEAD"), null);

        ScenarioResult charged = j.scenarios().get(0);
        assertThat(charged.satisfiedTrials()).as(charged.trials().toString()).isEqualTo(1);
        ScenarioResult down = j.scenarios().get(1);
        assertThat(down.satisfiedTrials()).as(down.trials().toString()).isEqualTo(1);
        ScenarioResult refund = j.scenarios().get(3);
        assertThat(refund.satisfiedTrials()).isZero();
        var failed = refund.trials().get(0);
        assertThat(failed.failedKind()).isEqualTo(StepKind.EXPECT_TWIN_REQUEST);
        assertThat(failed.reason()).isEqualTo("the program never sent POST /v1/refunds to the \"payments\" twin");
        assertThat(failed.observed()).contains("the \"payments\" twin received:", "POST /v1/charges -> 201");
    }
}
