package io.nightshift.event;

/** The event kinds of coding-agent spec 2.9; the enum names are the serialised {@code type} values. */
public enum EventKind {
    SESSION_START,
    SESSION_END,
    USER_INPUT,
    PROCESSING_END,
    ASSISTANT_TEXT_START,
    ASSISTANT_TEXT_DELTA,
    ASSISTANT_TEXT_END,
    TOOL_CALL_START,
    TOOL_CALL_OUTPUT_DELTA,
    TOOL_CALL_END,
    STEERING_INJECTED,
    TURN_LIMIT,
    LOOP_DETECTION,
    WARNING,
    ERROR
}
