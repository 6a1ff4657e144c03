package io.nightshift.cli;

/** The exit codes of DESIGN.md's CLI contract. */
final class ExitCodes {

    static final int OK = 0;
    /** The pipeline failed, or validation found errors. */
    static final int FAILED = 1;
    /** Bad usage or unreadable input. */
    static final int UNUSABLE_INPUT = 2;
    /** A budget (tokens, cost or time) was reached; resume with a larger one. */
    static final int BUDGET_EXHAUSTED = 3;
    /** A stage made no progress for the stall timeout. */
    static final int STALLED = 4;
    /** Interrupted (SIGINT), as shells report 128 + 2; SIGTERM gives 143, 128 + 15 ({@link Interrupts#exitCode}). */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
