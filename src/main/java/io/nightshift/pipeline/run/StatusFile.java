package io.nightshift.pipeline.run;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <stage>/status.json} (attractor-spec Appendix C): the outcome fields plus {@code failure_reason},
 * {@code failure_kind} when the failure is classified (the host's own; never read back from an agent's file),
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
            io.nightshift.event.Spend spend) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("outcome", o.status().wireName());
        root.put("preferred_label", o.preferredLabel());
        root.set("suggested_next_ids", Json.mapper().valueToTree(o.suggestedNextIds()));
        root.set("context_updates", Json.mapper().valueToTree(o.contextUpdates()));
        root.put("notes", o.notes());
        root.put("failure_reason", o.failureReason());
        if (o.failureKind() != io.nightshift.pipeline.state.FailureKind.UNSPECIFIED) {
            root.put("failure_kind", o.failureKind().wireName());
        }
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
     * that says what is wrong, so a broken file never passes as success. The file is written by whatever ran in
     * the stage, so it is read as {@link AgentFiles} reads: no link followed, plain files only, at most
     * {@link AgentFiles#STATUS_LIMIT} bytes; and a failure never quotes the file's content (it could be a host
     * file's first token).
     */
    public static Optional<Outcome> read(Path stageDir) {
        Path file = stageDir.resolve(NAME);
        byte[] bytes;
        try {
            Optional<byte[]> read = AgentFiles.read(stageDir, file, AgentFiles.STATUS_LIMIT);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            bytes = read.get();
        } catch (AgentFiles.RefusedFileException e) {
            return Optional.of(Outcome.fail("status file refused: " + e.getMessage()
                    + "; write status.json as a plain JSON file in the stage directory"));
        } catch (IOException e) {
            return Optional.of(Outcome.fail(file + " cannot be read (" + e.getClass().getSimpleName() + ")"));
        }
        try {
            return Optional.of(parse(Json.mapper().readTree(bytes)));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return Optional.of(Outcome.fail(file + " is not valid JSON" + where + EXPECTED));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(Outcome.fail(file + " is not a valid status file (" + e.getMessage() + ")"
                    + EXPECTED));
        }
    }

    private static final String EXPECTED =
            "; expected {\"outcome\": \"success|partial_success|retry|fail|skipped\", ...}";

    /**
     * Parses a status an agent wrote ({@code source} names where, for the message). Text that is not a valid status
     * yields a FAIL outcome that says what is wrong without quoting the text, as {@link #read} does.
     */
    public static Outcome parse(String text, String source) {
        try {
            return parse(Json.mapper().readTree(text));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return Outcome.fail(source + " is not valid JSON" + where + EXPECTED);
        } catch (IOException | IllegalArgumentException e) {
            return Outcome.fail(source + " is not a valid status file" + EXPECTED);
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
