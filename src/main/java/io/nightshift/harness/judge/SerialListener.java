package io.nightshift.harness.judge;

import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.Disclosure;
import io.nightshift.harness.Disclosures;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.ScenarioResult;

/**
 * Hands progress to the caller's listener one call at a time, in disclosed form only, and keeps a listener that
 * throws from breaking the judgment.
 */
final class SerialListener {

    private final JudgeListener listener;
    private final Disclosure level;

    SerialListener(JudgeListener listener, Disclosure level) {
        this.listener = listener == null ? JudgeListener.NONE : listener;
        this.level = level;
    }

    synchronized void started(String suite, String version, String commit, int scenarios, int trials) {
        safely(() -> listener.started(suite, version, commit, scenarios, trials));
    }

    synchronized void scenarioJudged(int index, ScenarioResult result) {
        safely(() -> listener.scenarioJudged(index, Disclosures.scenario(index, result, level)));
    }

    synchronized void completed(DisclosedJudgment judgment) {
        safely(() -> listener.completed(judgment));
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // listeners feed events and must not throw; one that does loses its event, not the judgment
        }
    }
}
