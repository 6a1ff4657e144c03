package io.nightshift.agent.prompt;

import java.time.LocalDate;
import java.util.List;

/**
 * The runtime facts of coding-agent spec 6.3 and the git snapshot of 6.4, taken once at session start.
 *
 * @param gitBranch        null outside a git repository
 * @param gitStatusSummary e.g. "2 modified, 1 untracked"; null outside git
 * @param recentCommits    one line each, newest first; empty outside git
 */
public record EnvironmentContext(String workingDirectory, boolean gitRepository, String gitBranch,
                                 String gitStatusSummary, List<String> recentCommits, String platform,
                                 String osVersion, LocalDate date, String model, String knowledgeCutoff) {

    public EnvironmentContext {
        recentCommits = recentCommits == null ? List.of() : List.copyOf(recentCommits);
    }

    /** The {@code <environment>} block (6.3) followed by the git snapshot (6.4) when in a repository. */
    public String render() {
        StringBuilder out = new StringBuilder("<environment>\n");
        out.append("Working directory: ").append(workingDirectory).append('\n');
        out.append("Is git repository: ").append(gitRepository).append('\n');
        if (gitRepository) {
            out.append("Git branch: ").append(gitBranch == null ? "(detached)" : gitBranch).append('\n');
        }
        out.append("Platform: ").append(platform).append('\n');
        out.append("OS version: ").append(osVersion).append('\n');
        out.append("Today's date: ").append(date).append('\n');
        out.append("Model: ").append(model).append('\n');
        out.append("Knowledge cutoff: ").append(knowledgeCutoff == null ? "unknown" : knowledgeCutoff).append('\n');
        out.append("</environment>");
        if (gitRepository) {
            out.append("\n\n<git>\nStatus: ").append(gitStatusSummary == null ? "unknown" : gitStatusSummary);
            if (!recentCommits.isEmpty()) {
                out.append("\nRecent commits:");
                for (String commit : recentCommits) {
                    out.append("\n- ").append(commit);
                }
            }
            out.append("\n</git>");
        }
        return out.toString();
    }
}
