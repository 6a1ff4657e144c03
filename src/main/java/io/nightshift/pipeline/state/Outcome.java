package io.nightshift.pipeline.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of executing a stage (attractor-spec 5.2). Never null fields: absent strings are empty, absent
 * collections are empty. {@code contextUpdates} values should be JSON-serialisable (strings, numbers, booleans,
 * lists and maps of them) because they end up in the checkpoint. {@code failureKind} types a failure so the
 * engine can tell a transient fault from a terminal one; it is {@link FailureKind#UNSPECIFIED} unless a handler
 * knows better.
 */
public record Outcome(StageStatus status, String preferredLabel, List<String> suggestedNextIds,
        Map<String, Object> contextUpdates, String notes, String failureReason, FailureKind failureKind) {

    public Outcome {
        if (status == null) {
            throw new IllegalArgumentException("an outcome needs a status");
        }
        preferredLabel = preferredLabel == null ? "" : preferredLabel;
        suggestedNextIds = suggestedNextIds == null ? List.of() : List.copyOf(suggestedNextIds);
        contextUpdates = contextUpdates == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contextUpdates));
        notes = notes == null ? "" : notes;
        failureReason = failureReason == null ? "" : failureReason;
        failureKind = failureKind == null ? FailureKind.UNSPECIFIED : failureKind;
    }

    public Outcome(StageStatus status, String preferredLabel, List<String> suggestedNextIds,
            Map<String, Object> contextUpdates, String notes, String failureReason) {
        this(status, preferredLabel, suggestedNextIds, contextUpdates, notes, failureReason, FailureKind.UNSPECIFIED);
    }

    public static Outcome of(StageStatus status) {
        return new Outcome(status, "", List.of(), Map.of(), "", "");
    }

    public static Outcome success() {
        return of(StageStatus.SUCCESS);
    }

    public static Outcome success(String notes) {
        return of(StageStatus.SUCCESS).withNotes(notes);
    }

    public static Outcome partialSuccess(String notes) {
        return of(StageStatus.PARTIAL_SUCCESS).withNotes(notes);
    }

    public static Outcome fail(String reason) {
        return new Outcome(StageStatus.FAIL, "", List.of(), Map.of(), "", reason);
    }

    /** A failure of a known kind (a provider's 401, a context overflow...); terminal kinds are never retried. */
    public static Outcome fail(String reason, FailureKind kind) {
        return new Outcome(StageStatus.FAIL, "", List.of(), Map.of(), "", reason, kind);
    }

    public static Outcome retry(String reason) {
        return new Outcome(StageStatus.RETRY, "", List.of(), Map.of(), "", reason);
    }

    public static Outcome skipped(String notes) {
        return of(StageStatus.SKIPPED).withNotes(notes);
    }

    public Outcome withStatus(StageStatus newStatus) {
        return new Outcome(newStatus, preferredLabel, suggestedNextIds, contextUpdates, notes, failureReason, failureKind);
    }

    public Outcome withNotes(String newNotes) {
        return new Outcome(status, preferredLabel, suggestedNextIds, contextUpdates, newNotes, failureReason, failureKind);
    }

    public Outcome withPreferredLabel(String label) {
        return new Outcome(status, label, suggestedNextIds, contextUpdates, notes, failureReason, failureKind);
    }

    public Outcome withSuggestedNextIds(List<String> ids) {
        return new Outcome(status, preferredLabel, ids, contextUpdates, notes, failureReason, failureKind);
    }

    public Outcome withFailureReason(String reason) {
        return new Outcome(status, preferredLabel, suggestedNextIds, contextUpdates, notes, reason, failureKind);
    }

    /** A copy with {@code updates} merged over the existing context updates. */
    public Outcome withContextUpdates(Map<String, ?> updates) {
        Map<String, Object> merged = new LinkedHashMap<>(contextUpdates);
        merged.putAll(updates);
        return new Outcome(status, preferredLabel, suggestedNextIds, merged, notes, failureReason, failureKind);
    }
}
