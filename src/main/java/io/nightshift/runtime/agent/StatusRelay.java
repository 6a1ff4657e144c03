package io.nightshift.runtime.agent;

import io.nightshift.pipeline.run.StatusFile;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.SandboxException;
import java.util.Optional;

/**
 * Takes the {@code status.json} (attractor-spec Appendix C) an agent wrote in its working directory and turns it into
 * the outcome the backend returns; the engine writes the stage's own {@code status.json}. The file is removed from
 * the workspace so it does not end up in the stage's commit.
 */
final class StatusRelay {

    static final String WORKSPACE_PATH = ".nightshift/status.json";

    /** The agent writes this file: it is read as capped data. */
    static final int MAX_CHARS = 1 << 20;

    static final String INSTRUCTIONS = """
            This task is one stage of an automated pipeline. When you are done you may decide the stage's outcome by
            writing a JSON file at .nightshift/status.json in the working directory with the fields "outcome"
            ("success", "partial_success", "retry" or "fail"), and optionally "preferred_label" (the label of the next
            step to take), "suggested_next_ids", "context_updates" (an object of values for later stages) and
            "notes". Without that file the stage counts as a success when you finish normally.""";

    private StatusRelay() {
    }

    /**
     * The outcome the agent decided, if it wrote a status: parsed (an invalid file is a FAIL saying why) and removed
     * from the workspace.
     */
    static Optional<Outcome> take(ExecutionEnvironment env) {
        String text;
        try {
            if (!env.fileExists(WORKSPACE_PATH)) {
                return Optional.empty();
            }
            text = env.readFile(WORKSPACE_PATH, null, null);
        } catch (SandboxException e) {
            return Optional.empty();
        }
        ExecResult removed = env.execCommand("rm -f " + WORKSPACE_PATH + " && { rmdir .nightshift 2>/dev/null; true; }",
                10_000, null, null);
        if (!removed.succeeded()) {
            throw new SandboxException("could not remove " + WORKSPACE_PATH + " from the workspace: "
                    + removed.stderr().strip(), false);
        }
        if (text.length() > MAX_CHARS) {
            return Optional.of(Outcome.fail("the agent's " + WORKSPACE_PATH + " is larger than " + MAX_CHARS
                    + " characters; a status is a small JSON object"));
        }
        return Optional.of(StatusFile.parse(text, "the agent's " + WORKSPACE_PATH));
    }
}
