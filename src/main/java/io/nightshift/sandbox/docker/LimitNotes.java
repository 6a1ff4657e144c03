package io.nightshift.sandbox.docker;

/**
 * What the agent is told when a command met a limit or left processes behind: the limit named from the cgroup's
 * counters (never guessed from an exit status), with its value, so the model can act on it.
 */
final class LimitNotes {

    private LimitNotes() {
    }

    /** Notes appended to stderr after a command the runner reported on; empty when nothing happened. */
    static String afterCommand(int code, boolean timedOut, long pidsHits, long oomKills, long swept,
            SandboxPolicy policy) {
        StringBuilder note = new StringBuilder();
        if (oomKills > 0) {
            note.append("\n[nightshift: the sandbox memory limit (").append(mib(policy))
                    .append(" MiB) was reached; the kernel killed a process of this command]");
        }
        if (pidsHits > 0) {
            note.append("\n[nightshift: the sandbox process limit (").append(policy.pids())
                    .append(" processes and threads) was reached; new processes could not start]");
        }
        if (code == 137 && !timedOut && oomKills == 0) {
            note.append("\n[nightshift: the command was killed by SIGKILL, not by a sandbox limit]");
        }
        return note.append(swept(swept)).toString();
    }

    /** The note for processes a command left running that the sweep killed; empty for none. */
    static String swept(long swept) {
        if (swept <= 0) {
            return "";
        }
        return "\n[nightshift: " + swept + (swept == 1 ? " process" : " processes")
                + " the command left running (in the background or detached) " + (swept == 1 ? "was" : "were")
                + " killed: every process a command starts ends with it]";
    }

    /**
     * The note for a command whose output says a file system is full: which file systems of the sandbox are bounded,
     * by which setting (the sandbox cannot tell which one it was without forking, and a full one may be why it
     * cannot); empty otherwise.
     */
    static String diskFull(String stdout, String stderr, SandboxPolicy policy) {
        String marker = "No space left on device";
        if (!stdout.contains(marker) && !stderr.contains(marker)) {
            return "";
        }
        return "\n[nightshift: a file system the command wrote to is full. In the sandbox /tmp holds at most "
                + policy.tmpBytes() / (1024 * 1024) + " MiB (sandbox.tmp-size) and /home/agent "
                + policy.homeBytes() / (1024 * 1024) + " MiB (sandbox.home-size); /workspace and the stage directory "
                + "are on the host's disk, bounded after each stage by workspace.max_bytes and stage.max_bytes]";
    }

    /** The note for a command whose runner died under it; {@code delta} is null when the counters were unreadable. */
    static String runnerKilled(LimitCounters.Counts delta, SandboxPolicy policy) {
        String cause;
        if (delta == null) {
            cause = "(the cause could not be read)";
        } else if (delta.oomKills() > 0) {
            cause = "by the sandbox memory limit (" + mib(policy) + " MiB)";
        } else if (delta.pidsLimitHits() > 0) {
            cause = "while the sandbox process limit (" + policy.pids() + ") was reached";
        } else {
            cause = "by a signal, not by a sandbox limit";
        }
        return "[nightshift: the command runner was killed " + cause + "; the command's result is lost and a new "
                + "runner takes the next command]";
    }

    private static long mib(SandboxPolicy policy) {
        return policy.memoryBytes() / (1024 * 1024);
    }
}
