package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.agent.patch.FileChange;
import io.nightshift.agent.patch.Patch;
import io.nightshift.agent.patch.PatchApplier;
import io.nightshift.agent.patch.PatchParser;
import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import java.util.List;

/**
 * {@code apply_patch} (OpenAI profile, coding-agent spec 3.4 and Appendix A). The whole patch is parsed and
 * checked against the files before anything is written. The environment has no delete operation, so deletions
 * and the old side of a move run {@code rm} through its command execution.
 */
public final class ApplyPatchTool implements ToolExecutor {

    @Override
    public String execute(JsonNode args, ToolInvocation invocation) {
        ExecutionEnvironment env = invocation.environment();
        Patch patch = PatchParser.parse(Arguments.string(args, "patch"));
        List<FileChange> changes = new PatchApplier(path -> env.fileExists(path) ? env.readFile(path, null, null) : null)
                .plan(patch);
        StringBuilder out = new StringBuilder("Applied patch:");
        for (FileChange change : changes) {
            switch (change) {
                case FileChange.Write write -> env.writeFile(write.path(), write.content());
                case FileChange.Remove remove -> remove(env, remove.path());
            }
            if (change.summary() != null) {
                out.append('\n').append(change.summary());
            }
        }
        return out.toString();
    }

    private static void remove(ExecutionEnvironment env, String path) {
        ExecResult result = env.execCommand("rm -f -- " + quote(path), 10_000, null, null);
        if (!result.succeeded()) {
            throw new ToolFailure("could not delete " + path + ": " + result.stderr().strip());
        }
    }

    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
