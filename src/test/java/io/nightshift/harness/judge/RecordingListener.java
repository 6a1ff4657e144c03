package io.nightshift.harness.judge;

import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.DisclosedScenario;
import io.nightshift.harness.JudgeListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test fixture: records the listener calls as short strings, and the disclosed objects. */
final class RecordingListener implements JudgeListener {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<DisclosedScenario> scenarios = new CopyOnWriteArrayList<>();
    volatile DisclosedJudgment completed;

    @Override
    public void started(String suite, String version, String commit, int scenarios, int trials) {
        calls.add("started " + suite + " " + scenarios + "x" + trials);
    }

    @Override
    public void scenarioJudged(int index, DisclosedScenario scenario) {
        calls.add("judged " + index);
        scenarios.add(scenario);
    }

    @Override
    public void completed(DisclosedJudgment judgment) {
        calls.add("completed");
        completed = judgment;
    }
}
