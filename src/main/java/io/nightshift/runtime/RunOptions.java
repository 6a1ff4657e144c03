package io.nightshift.runtime;

import io.nightshift.pipeline.budget.Budget;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.pipeline.human.ConsoleInterviewer;
import io.nightshift.pipeline.human.Interviewer;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;

/** The engine's values a command line builds a run from, made here so {@code cli} names no engine type. */
public final class RunOptions {

    private RunOptions() {
    }

    /** The run's limits; null leaves one to the graph. */
    public static Budget budget(Long maxTokens, Double maxCostUsd, Duration maxTime) {
        return new Budget(maxTokens, maxCostUsd, maxTime);
    }

    /** Who answers human gates: the first option every time, or the person at the console. */
    public static Interviewer interviewer(boolean autoApprove, InputStream in, PrintStream out) {
        return autoApprove ? new AutoApproveInterviewer() : new ConsoleInterviewer(in, out);
    }
}
