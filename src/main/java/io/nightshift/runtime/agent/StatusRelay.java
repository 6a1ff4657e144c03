package io.nightshift.runtime.agent;

import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.SandboxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Carries a {@code status.json} (attractor-spec Appendix C) the agent wrote in its working directory into the
 * stage directory, which lies outside the sandbox. The file is removed from the workspace so it does not end up
 * in the stage's commit.
 */
final class StatusRelay {

    static final String WORKSPACE_PATH = ".nightshift/status.json";

    static final String INSTRUCTIONS = """
            This task is one stage of an automated pipeline. When you are done you may decide the stage's outcome by
            writing a JSON file at .nightshift/status.json in the working directory with the fields "outcome"
            ("success", "partial_success", "retry" or "fail"), and optionally "preferred_label" (the label of the next
            step to take), "suggested_next_ids", "context_updates" (an object of values for later stages) and
            "notes". Without that file the stage counts as a success when you finish normally.""";

    private StatusRelay() {
    }

    static void moveIntoStage(ExecutionEnvironment env, Path stageDir) {
        String text;
        try {
            if (!env.fileExists(WORKSPACE_PATH)) {
                return;
            }
            text = env.readFile(WORKSPACE_PATH, null, null);
        } catch (SandboxException e) {
            return;
        }
        try {
            Files.createDirectories(stageDir);
            Path temp = Files.createTempFile(stageDir, "status", ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, stageDir.resolve("status.json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stageDir.resolve("status.json") + ": " + e.getMessage(), e);
        }
        ExecResult removed = env.execCommand("rm -f " + WORKSPACE_PATH + " && { rmdir .nightshift 2>/dev/null; true; }",
                10_000, null, null);
        if (!removed.succeeded()) {
            throw new SandboxException("could not remove " + WORKSPACE_PATH + " from the workspace: "
                    + removed.stderr().strip(), false);
        }
    }
}
