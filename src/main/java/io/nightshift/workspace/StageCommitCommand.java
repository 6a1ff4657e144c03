package io.nightshift.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Commits everything the working tree changed (respecting .gitignore, never the deny list) as one commit on the
 * workspace's branch. Configure with {@link #stage} (or {@link #message} for a plain commit), then {@link #call()}
 * once. The message is {@code <node>: <label>}, a body with the outcome and notes, and the trailers
 * {@code Nightshift-Run}, {@code Nightshift-Node} and {@code Nightshift-Attempt}.
 */
public final class StageCommitCommand {

    private final Workspace workspace;
    private String node;
    private String label;
    private int attempt;
    private String subject;
    private String outcome;
    private String notes;
    private boolean called;

    StageCommitCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The stage this commit records: its node id, its label (null or blank: the node id) and attempt (1-based). */
    public StageCommitCommand stage(String nodeId, String nodeLabel, int attemptNumber) {
        Objects.requireNonNull(nodeId, "nodeId");
        if (nodeId.isBlank() || attemptNumber < 1) {
            throw new IllegalArgumentException("A stage commit needs a non-blank node id and an attempt >= 1, got '"
                    + nodeId + "' attempt " + attemptNumber);
        }
        this.node = oneLine(nodeId);
        this.label = nodeLabel == null || nodeLabel.isBlank() ? this.node : oneLine(nodeLabel);
        this.attempt = attemptNumber;
        return this;
    }

    /** A plain subject instead of a stage (only the {@code Nightshift-Run} trailer is added). */
    public StageCommitCommand message(String commitSubject) {
        this.subject = oneLine(Objects.requireNonNull(commitSubject, "commitSubject"));
        return this;
    }

    /** The stage outcome, e.g. {@code success} or {@code fail}; goes into the body. */
    public StageCommitCommand outcome(String value) {
        this.outcome = value;
        return this;
    }

    /** Free-form notes for the body (multi-line allowed). */
    public StageCommitCommand notes(String value) {
        this.notes = value;
        return this;
    }

    /** Stages and commits; returns {@link StageCommit.Unchanged} when there is nothing to commit. */
    public StageCommit call() {
        if (called) {
            throw new IllegalStateException("A StageCommitCommand can be called once; use workspace.commit() again.");
        }
        if (node == null && subject == null) {
            throw new IllegalStateException("Set stage(node, label, attempt) or message(subject) before call().");
        }
        called = true;
        return workspace.doCommit(subjectLine(), messageText());
    }

    String subjectLine() {
        return node != null ? node + ": " + label : subject;
    }

    String messageText() {
        List<String> body = new ArrayList<>();
        if (outcome != null && !outcome.isBlank()) {
            body.add("Outcome: " + oneLine(outcome));
        }
        if (notes != null && !notes.isBlank()) {
            body.add(notes.strip().replace("\r\n", "\n"));
        }
        StringBuilder trailers = new StringBuilder("Nightshift-Run: " + workspace.runId());
        if (node != null) {
            trailers.append("\nNightshift-Node: ").append(node).append("\nNightshift-Attempt: ").append(attempt);
        }
        StringBuilder text = new StringBuilder(subjectLine()).append("\n\n");
        for (String paragraph : body) {
            text.append(paragraph).append("\n\n");
        }
        return text.append(trailers).append('\n').toString();
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
