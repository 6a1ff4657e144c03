package io.nightshift.harness.judge;

import io.nightshift.harness.Scenario;
import io.nightshift.harness.Step;
import io.nightshift.harness.StepAction;
import io.nightshift.harness.TrialResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.SandboxException;

/**
 * Runs one trial of a scenario in an environment whose working directory holds the snapshot: the steps in order,
 * actions in the environment, expectations in Java; the first failing step ends the trial. Services the trial
 * started are stopped and its temporary files removed before it returns. Thread-safe (no state between trials).
 */
public final class ScenarioRunner {

    private final LlmJudge llm;
    private final boolean disposableEnvironments;

    /** A runner that stops its services and removes its temporary files after each trial. */
    public ScenarioRunner(LlmJudge llm) {
        this(llm, false);
    }

    /** @param disposableEnvironments environments are destroyed after each trial, so the runner leaves clean-up to that */
    public ScenarioRunner(LlmJudge llm, boolean disposableEnvironments) {
        this.llm = llm;
        this.disposableEnvironments = disposableEnvironments;
    }

    /** The result of one trial, plus how long it waited for commands (to tell harness overhead from program time). */
    public record Run(TrialResult result, long commandMs) {
    }

    public TrialResult run(Scenario scenario, int trial, ExecutionEnvironment env) {
        return runTimed(scenario, trial, env).result();
    }

    public Run runTimed(Scenario scenario, int trial, ExecutionEnvironment env) {
        return runTimed(scenario, trial, env, TrialTwins.NONE);
    }

    /** As {@link #runTimed(Scenario, int, ExecutionEnvironment)}, with the trial's service twins. */
    Run runTimed(Scenario scenario, int trial, ExecutionEnvironment env, TrialTwins twins) {
        long start = System.nanoTime();
        Trial state = new Trial(env, disposableEnvironments, twins);
        try (state) {
            for (int i = 0; i < scenario.steps().size(); i++) {
                Step step = scenario.steps().get(i);
                state.note("step " + (i + 1) + ": " + step.keyword().strip() + " " + step.text());
                StepCheck check;
                try {
                    check = execute(step.action(), state);
                } catch (SandboxException | IllegalStateException e) {
                    // The judge's side failed (its environment, its own housekeeping): not the program's failure.
                    return new Run(TrialResult.judgeError(trial, i, "judge environment failure: " + e.getMessage(),
                            millis(start)), state.commandMs());
                }
                if (!check.passed()) {
                    return new Run(new TrialResult(trial, false, i, step.kind(), check.observed(), check.expected(),
                            check.reason(), millis(start)), state.commandMs());
                }
            }
            return new Run(TrialResult.satisfied(trial, millis(start)), state.commandMs());
        }
    }

    private StepCheck execute(StepAction action, Trial trial) {
        return switch (action) {
            case StepAction.RunCommand a -> Actions.run(a, trial);
            case StepAction.StartService a -> Actions.start(a, trial);
            case StepAction.SendHttp a -> Actions.send(a, trial);
            case StepAction.ExpectExitCode e -> Expectations.exitCode(e, trial);
            case StepAction.ExpectText e -> Expectations.text(e, trial);
            case StepAction.ExpectJson e -> Expectations.json(e, trial);
            case StepAction.ExpectHttpStatus e -> Expectations.httpStatus(e, trial);
            case StepAction.ExpectFile e -> Expectations.file(e, trial);
            case StepAction.JudgeAgrees e -> llm.check(e.statement(), trial);
            case StepAction.ResetTwin a -> TwinSteps.reset(a, trial);
            case StepAction.FailTwinNext a -> TwinSteps.failNext(a, trial);
            case StepAction.ExpectTwinRequest e -> TwinSteps.received(e, trial);
        };
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
