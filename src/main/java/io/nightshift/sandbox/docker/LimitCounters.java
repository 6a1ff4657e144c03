package io.nightshift.sandbox.docker;

import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.SandboxException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox cgroup's event counters last seen by a runner: how often a fork met the pids limit and how many
 * processes the kernel killed at the memory limit. Compared with a fresh reading they say which limit ended a
 * runner that could not report itself. A fresh container starts at zero.
 */
final class LimitCounters {

    /** A reading: pids-limit refusals and OOM kills since the container started. */
    record Counts(long pidsLimitHits, long oomKills) {
    }

    /** Prints each counter file with its name; cgroup v2 first, then v1. */
    private static final String READ = "for f in /sys/fs/cgroup/pids.events /sys/fs/cgroup/pids/pids.events "
            + "/sys/fs/cgroup/memory.events /sys/fs/cgroup/memory/memory.oom_control; do "
            + "[ -r \"$f\" ] && { echo \"== $f\"; cat \"$f\"; }; done; true";

    private final AtomicLong pids = new AtomicLong();
    private final AtomicLong oom = new AtomicLong();

    void update(long pidsTotal, long oomTotal) {
        pids.accumulateAndGet(pidsTotal, Math::max);
        oom.accumulateAndGet(oomTotal, Math::max);
    }

    /** What changed since the last reading, or null when {@code now} is unknown. */
    Counts since(Counts now) {
        return now == null ? null : new Counts(now.pidsLimitHits() - pids.get(), now.oomKills() - oom.get());
    }

    /** Reads the counters through an engine exec; null when that fails (the pids limit may still be held). */
    static Counts probe(SandboxContainer container) {
        ExecResult r;
        try {
            r = new ContainerExec(container, 64 * 1024).run(READ, 10_000, SandboxDefinition.WORKSPACE, null);
        } catch (SandboxException e) {
            return null;
        }
        return r.succeeded() ? parse(r.stdout()) : null;
    }

    static Counts parse(String text) {
        long pidsHits = 0;
        long oomKills = 0;
        String file = "";
        for (String line : text.split("\n")) {
            String[] kv = line.strip().split("\\s+");
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].equals("==")) {
                file = kv[1];
            } else if (file.contains("pids") && kv[0].equals("max")) {
                pidsHits = Long.parseLong(kv[1]);
            } else if (file.contains("memory") && kv[0].equals("oom_kill")) {
                oomKills = Long.parseLong(kv[1]);
            }
        }
        return new Counts(pidsHits, oomKills);
    }
}
