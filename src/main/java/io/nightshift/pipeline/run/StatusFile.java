package io.nightshift.pipeline.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <stage>/status.json} (attractor-spec Appendix C): the outcome fields plus {@code failure_reason},
 * and the stage's resolved {@code fidelity} and {@code thread_id}. External commands and agents may write it;
 * {@link #read} accepts any file that has at least a valid {@code outcome}.
 */
public final class StatusFile {

    public static final String NAME = "status.json";

    private StatusFile() {
    }

    public static byte[] render(Outcome o, String fidelity, String threadId) {
        return render(o, fidelity, threadId, null);
    }

    /** With {@code spend}: what the node's model calls cost over the run so far (omitted when there were none). */
    public static byte[] render(Outcome o, String fidelity, String threadId,
            io.nightshift.pipeline.budget.Spend spend) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("outcome", o.status().wireName());
        root.put("preferred_label", o.preferredLabel());
        root.set("suggested_next_ids", Json.mapper().valueToTree(o.suggestedNextIds()));
        root.set("context_updates", Json.mapper().valueToTree(o.contextUpdates()));
        root.put("notes", o.notes());
        root.put("failure_reason", o.failureReason());
        if (fidelity != null) {
            root.put("fidelity", fidelity);
        }
        if (threadId != null) {
            root.put("thread_id", threadId);
        }
        if (spend != null && spend.calls() > 0) {
            root.set("spend", Json.mapper().valueToTree(spend));
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("outcome of a stage is not serialisable: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a status file if there is one. A file that exists but is not a valid status yields a FAIL outcome
     * that says what is wrong, so a broken file never passes as success.
     */
    public static Optional<Outcome> read(Path stageDir) {
        Path file = stageDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Json.mapper().readTree(file.toFile())));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(Outcome.fail(file + " is not a valid status file (" + e.getMessage()
                    + "); expected {\"outcome\": \"success|partial_success|retry|fail|skipped\", ...}"));
        }
    }

    static Outcome parse(JsonNode root) {
        if (root == null || !root.isObject() || !root.hasNonNull("outcome")) {
            throw new IllegalArgumentException("the 'outcome' field is missing");
        }
        StageStatus status = StageStatus.fromWire(root.get("outcome").asText());
        List<String> next = new ArrayList<>();
        root.path("suggested_next_ids").forEach(n -> next.add(n.asText()));
        Map<String, Object> updates = new LinkedHashMap<>();
        JsonNode cu = root.path("context_updates");
        if (cu.isObject()) {
            cu.fields().forEachRemaining(e -> updates.put(e.getKey(), toPlain(e.getValue())));
        }
        return new Outcome(status, root.path("preferred_label").asText(""), next, updates,
                root.path("notes").asText(""), root.path("failure_reason").asText(""));
    }

    private static Object toPlain(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        return Json.mapper().convertValue(node, Object.class);
    }
}
