package io.nightshift.runtime.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the durable queue remembers of one run, enough to put it back where it was after a crash: its place in
 * submission order, its phase, its owner, whether a cancel was asked for, and how it ended when the engine's
 * checkpoint cannot say (cancelled before it started, failed before its engine ran).
 *
 * @param seq the run's place in submission order: increasing, never reused while the run's directory exists
 * @param phase {@code queued}, {@code admitted} (handed to a worker) or {@code ended}
 * @param owner who submitted it (the owner of the caller's token; empty on an open loopback service)
 * @param cancelRequested a cancel was asked for: a crash before it took effect ends the run instead of resuming it
 * @param outcome the {@link RunState} wire name the run ended with; empty until {@code ended}
 * @param reason why it ended that way; empty when it succeeded or has not ended
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QueueEntry(String id, long seq, Phase phase, String owner, boolean cancelRequested, String outcome,
        String reason) {

    /** Where the run stands in the queue. */
    public enum Phase {
        QUEUED,
        ADMITTED,
        ENDED
    }

    public QueueEntry {
        owner = owner == null ? "" : owner;
        outcome = outcome == null ? "" : outcome;
        reason = reason == null ? "" : reason;
    }

    static QueueEntry queued(String id, long seq, String owner) {
        return new QueueEntry(id, seq, Phase.QUEUED, owner, false, "", "");
    }

    QueueEntry admitted() {
        return new QueueEntry(id, seq, Phase.ADMITTED, owner, cancelRequested, "", "");
    }

    QueueEntry cancelling() {
        return new QueueEntry(id, seq, phase, owner, true, outcome, reason);
    }

    QueueEntry ended(RunState state, String why) {
        return new QueueEntry(id, seq, Phase.ENDED, owner, cancelRequested, state.wireName(), why);
    }
}
