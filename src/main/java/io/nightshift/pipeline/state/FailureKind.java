package io.nightshift.pipeline.state;

import java.util.Locale;

/**
 * Why a stage failed, as a type the engine can act on (never parsed from the reason text). {@link #terminal()}
 * kinds are not retried by the engine whatever the node's retry policy: repeating the same request cannot help.
 * {@link #UNSPECIFIED} is every failure that says nothing more (a tool's non-zero exit, a goal not met); the
 * node's retry policy decides as before.
 */
public enum FailureKind {
    /** No classification: the node's retry policy applies. */
    UNSPECIFIED(false),
    /** A provider fault that outlasted the agent session's own retries (429, 5xx, 529, a broken stream, a timeout). */
    TRANSIENT(false),
    /** The provider refused the credentials (401) or the access (403). */
    AUTHENTICATION(true),
    /** The provider rejected the request as malformed (400, 422) or named an unknown model (404). */
    INVALID_REQUEST(true),
    /** The conversation no longer fits the model's context window. */
    CONTEXT_OVERFLOW(true),
    /** The provider's safety filter blocked the request or the answer. */
    CONTENT_FILTER(true),
    /** The account is out of quota or credit. */
    QUOTA_EXCEEDED(true);

    private final boolean terminal;

    FailureKind(boolean terminal) {
        this.terminal = terminal;
    }

    /** True when retrying the stage cannot succeed without someone changing something first. */
    public boolean terminal() {
        return terminal;
    }

    /** The lower-case name written to {@code status.json} and events, e.g. {@code authentication}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
