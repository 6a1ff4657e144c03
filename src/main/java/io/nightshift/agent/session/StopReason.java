package io.nightshift.agent.session;

/** Why a processing cycle ended (coding-agent spec 2.8). */
public enum StopReason {
    /** The model answered with text only. */
    COMPLETED,
    /** The model answered with a question for the user (text only, ending in a question mark). */
    AWAITING_INPUT,
    /** {@code max_tool_rounds_per_input} was reached. */
    ROUND_LIMIT,
    /** {@code max_turns} was reached. */
    TURN_LIMIT,
    /** The host aborted the session. */
    ABORTED,
    /** The LLM reported an error the session could not recover from; the session is closed. */
    ERROR,
    /** The host's {@link UsageGate} stopped the session after a model call (a budget was reached). */
    BUDGET,
    /** The request no longer fits the model's context window; the session stays usable. */
    CONTEXT_OVERFLOW
}
