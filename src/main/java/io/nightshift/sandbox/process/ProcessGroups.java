package io.nightshift.sandbox.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Signals whole process groups. Java has no call for that, so it runs {@code kill -s SIG -- -PGID}; membership
 * is read from {@code /proc} where there is one (zombies do not count: they are dead, merely not yet reaped).
 */
final class ProcessGroups {

    private static final Path PROC = Path.of("/proc");
    private static final long POLL_MS = 25;

    private ProcessGroups() {
    }

    /** Sends {@code signal} (a name such as {@code TERM}) to every process of the group; false if none got it. */
    public static boolean signal(long pgid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + pgid)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True while some process of the group is alive (not a zombie). */
    public static boolean hasLiveMembers(long pgid) {
        if (!Files.isDirectory(PROC)) {
            return signal(pgid, "0");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                if (liveMemberOf(entry.resolve("stat"), pgid)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return signal(pgid, "0");
        }
        return false;
    }

    private static boolean liveMemberOf(Path stat, long pgid) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return false;
        }
        // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses, so split after the last ')'
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ", 4);
        return fields.length >= 3 && !fields[0].equals("Z") && !fields[0].equals("X")
                && fields[2].equals(Long.toString(pgid));
    }

    /**
     * Terminates a group: TERM, then up to {@code graceMs} for it to exit, then KILL to whatever is left.
     * Returns true when KILL was needed.
     */
    public static boolean terminate(long pgid, long graceMs) throws InterruptedException {
        signal(pgid, "TERM");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMs);
        while (System.nanoTime() < deadline) {
            if (!hasLiveMembers(pgid)) {
                return false;
            }
            Thread.sleep(POLL_MS);
        }
        if (!hasLiveMembers(pgid)) {
            return false;
        }
        signal(pgid, "KILL");
        return true;
    }
}
