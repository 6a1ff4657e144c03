package io.nightshift.runtime.service;

/** What {@code POST /hooks/github} answers a delivery; each case maps to one HTTP status at the edge. */
public sealed interface HookOutcome {

    /** A job was queued for the delivery (202). */
    record Accepted(String runId, String deliveryId) implements HookOutcome {
    }

    /** A genuine delivery that asks for no job: another event, action or label (200), with why. */
    record Ignored(String deliveryId, String reason) implements HookOutcome {
    }

    /** The signature is missing or wrong, or no secret is configured (401). */
    record Unauthorized(String message) implements HookOutcome {
    }

    /** This delivery id was answered before (409); {@code runId} is the job it started, null if none. */
    record Replayed(String deliveryId, String runId) implements HookOutcome {
    }

    /** A signed delivery that cannot be read: no delivery id, not JSON, no repository (400). */
    record Malformed(String message) implements HookOutcome {
    }
}
