package io.nightshift.agent.truncate;

/** How character truncation keeps output (coding-agent spec 5.1). */
enum TruncationMode {
    /** Keep the beginning and the end, drop the middle. */
    HEAD_TAIL,
    /** Keep the end. */
    TAIL
}
