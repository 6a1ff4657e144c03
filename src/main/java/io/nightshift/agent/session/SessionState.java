package io.nightshift.agent.session;

/** Lifecycle of a session (coding-agent spec 2.3). */
public enum SessionState {
    IDLE,
    PROCESSING,
    AWAITING_INPUT,
    CLOSED
}
