package io.nightshift.harness.judge;

/**
 * Where a judgment's time went, summed over all trials (trials overlap, so the sums can exceed {@code wallMs}).
 *
 * @param wallMs the whole judgment, start to finish
 * @param exportMs writing snapshot copies
 * @param environmentMs starting and removing judge environments
 * @param commandMs waiting for commands in the environments (the program's time, plus the runner's small helpers)
 * @param trialMs whole trials, start to end (export, environment, steps, clean-up)
 * @param trials how many trials ran
 */
public record JudgeFigures(long wallMs, long exportMs, long environmentMs, long commandMs, long trialMs, int trials) {

    /** Milliseconds per trial not spent in commands: snapshot export, environments and the runner itself. */
    public double overheadPerTrialMs() {
        return trials == 0 ? 0 : (double) (trialMs - commandMs) / trials;
    }
}
