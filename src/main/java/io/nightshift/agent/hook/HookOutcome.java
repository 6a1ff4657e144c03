package io.nightshift.agent.hook;

/** How a hook command ended: whether it passed (exit 0, no timeout) and a one-line description. */
public record HookOutcome(boolean passed, int exitCode, String detail) {
}
