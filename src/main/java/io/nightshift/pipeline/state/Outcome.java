package io.nightshift.pipeline.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of executing a stage (attractor-spec 5.2). Never null fields: absent strings are empty, absent
 * collections are empty. {@code contextUpdates} values should be JSON-serialisable (strings, numbers, booleans,
 * lists and maps of them) because they end up in the checkpoint.
 */
public record Outcome(StageStatus status, String preferredLabel, List<String> suggestedNextIds,
        Map<String, Object> contextUpdates, String notes, String failureReason) {

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

    public static Outcome retry(String reason) {
        return new Outcome(StageStatus.RETRY, "", List.of(), Map.of(), "", reason);
    }

    public static Outcome skipped(String notes) {
        return of(StageStatus.SKIPPED).withNotes(notes);
    }

    public Outcome withStatus(StageStatus newStatus) {
        return new Outcome(newStatus, preferredLabel, suggestedNextIds, contextUpdates, notes, failureReason);
    }

    public Outcome withNotes(String newNotes) {
        return new Outcome(status, preferredLabel, suggestedNextIds, contextUpdates, newNotes, failureReason);
    }

    public Outcome withPreferredLabel(String label) {
        return new Outcome(status, label, suggestedNextIds, contextUpdates, notes, failureReason);
    }

    public Outcome withSuggestedNextIds(List<String> ids) {
        return new Outcome(status, preferredLabel, ids, contextUpdates, notes, failureReason);
    }

    public Outcome withFailureReason(String reason) {
        return new Outcome(status, preferredLabel, suggestedNextIds, contextUpdates, notes, reason);
    }

    /** A copy with {@code updates} merged over the existing context updates. */
    public Outcome withContextUpdates(Map<String, ?> updates) {
        Map<String, Object> merged = new LinkedHashMap<>(contextUpdates);
        merged.putAll(updates);
        return new Outcome(status, preferredLabel, suggestedNextIds, merged, notes, failureReason);
    }
}
