package io.nightshift.agent.prompt;

import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.SandboxException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the {@link EnvironmentContext} snapshot through the environment itself: the git facts come from the
 * {@code git} command run by {@code execCommand}, so they are what the agent's tools will see (and the agent
 * layer needs no git library). A missing git, or a directory outside any repository, gives a non-git context.
 */
public final class EnvironmentProbe {

    static final long GIT_TIMEOUT_MS = 5_000;
    static final int RECENT_COMMITS = 8;

    private EnvironmentProbe() {
    }

    public static EnvironmentContext probe(ExecutionEnvironment env, String model, String knowledgeCutoff, Clock clock) {
        String branch = null;
        String status = null;
        List<String> commits = List.of();
        ExecResult inside = git(env, "git rev-parse --is-inside-work-tree");
        boolean repo = inside != null && inside.succeeded() && inside.stdout().strip().equals("true");
        if (repo) {
            ExecResult b = git(env, "git rev-parse --abbrev-ref HEAD");
            branch = b != null && b.succeeded() ? b.stdout().strip() : null;
            status = statusSummary(git(env, "git status --porcelain"));
            ExecResult log = git(env, "git log --oneline -n " + RECENT_COMMITS);
            commits = log != null && log.succeeded() ? lines(log.stdout()) : List.of();
        }
        return new EnvironmentContext(env.workingDirectory(), repo, branch, status, commits, env.platform(),
                env.osVersion(), LocalDate.now(clock), model, knowledgeCutoff);
    }

    private static ExecResult git(ExecutionEnvironment env, String command) {
        try {
            return env.execCommand(command + " 2>/dev/null", GIT_TIMEOUT_MS, null, null);
        } catch (SandboxException e) {
            return null;
        }
    }

    static String statusSummary(ExecResult porcelain) {
        if (porcelain == null || !porcelain.succeeded()) {
            return null;
        }
        int modified = 0;
        int untracked = 0;
        for (String line : lines(porcelain.stdout())) {
            if (line.startsWith("??")) {
                untracked++;
            } else {
                modified++;
            }
        }
        return modified == 0 && untracked == 0 ? "clean" : modified + " changed, " + untracked + " untracked";
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }
}
