package io.nightshift.agent.prompt;

import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.SandboxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Project instruction files (coding-agent spec 6.5): from the git root (or the working directory outside git)
 * down to the working directory, each level contributing the files the profile recognises, root first. The
 * result is capped at 32 KB with the spec's marker. Levels above the working directory are read with
 * {@code cat} through the environment, since file operations are confined to the working directory.
 */
public final class ProjectDocs {

    public static final int BUDGET_BYTES = 32 * 1024;
    static final String TRUNCATED = "[Project instructions truncated at 32KB]";

    private ProjectDocs() {
    }

    /** The combined instructions, or an empty string when there are none. */
    public static String discover(ExecutionEnvironment env, List<String> fileNames) {
        int levelsAbove = levelsBelowGitRoot(env);
        StringBuilder out = new StringBuilder();
        for (int up = levelsAbove; up >= 0; up--) {
            String prefix = "../".repeat(up);
            for (String name : fileNames) {
                String content = up == 0 ? readHere(env, name) : readAbove(env, prefix + name);
                if (content != null && !content.isBlank()) {
                    if (!out.isEmpty()) {
                        out.append("\n\n");
                    }
                    out.append("## ").append(up == 0 ? name : prefix + name).append("\n\n").append(content.strip());
                }
            }
        }
        return capped(out.toString());
    }

    static String capped(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= BUDGET_BYTES) {
            return text;
        }
        String head = new String(bytes, 0, BUDGET_BYTES, StandardCharsets.UTF_8);
        if (head.endsWith("\uFFFD")) {
            head = head.substring(0, head.length() - 1);
        }
        return head + "\n" + TRUNCATED;
    }

    private static int levelsBelowGitRoot(ExecutionEnvironment env) {
        try {
            ExecResult prefix = env.execCommand("git rev-parse --show-prefix 2>/dev/null", 5_000, null, null);
            if (!prefix.succeeded()) {
                return 0;
            }
            String path = prefix.stdout().strip();
            if (path.isEmpty()) {
                return 0;
            }
            List<String> parts = new ArrayList<>(List.of(path.split("/")));
            parts.removeIf(String::isEmpty);
            return parts.size();
        } catch (SandboxException e) {
            return 0;
        }
    }

    private static String readHere(ExecutionEnvironment env, String name) {
        try {
            return env.fileExists(name) ? env.readFile(name, null, null) : null;
        } catch (SandboxException e) {
            return null;
        }
    }

    private static String readAbove(ExecutionEnvironment env, String relative) {
        try {
            ExecResult cat = env.execCommand("cat -- '" + relative.replace("'", "'\\''") + "' 2>/dev/null", 5_000,
                    null, null);
            return cat.succeeded() ? cat.stdout() : null;
        } catch (SandboxException e) {
            return null;
        }
    }
}
