package io.nightshift.harness;

/** Progress of a judgment, in disclosed form only (it feeds events). */
public interface JudgeListener {

    JudgeListener NONE = new JudgeListener() {
    };

    default void started(String suite, String version, String commit, int scenarios, int trials) {
    }

    default void scenarioJudged(int index, DisclosedScenario scenario) {
    }

    default void completed(DisclosedJudgment judgment) {
    }
}
