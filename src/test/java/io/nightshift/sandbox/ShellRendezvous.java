package io.nightshift.sandbox;

/**
 * Shell commands that prove they overlapped, without a clock: each one leaves a marker in its working directory,
 * waits (at most about ten seconds) until {@code parties} markers exist, and prints how many it saw. When every
 * command prints "{@code parties} of {@code parties} started", all had started before any ended. Run one after
 * another, the first would see only its own marker.
 */
public final class ShellRendezvous {

    private ShellRendezvous() {
    }

    /** The command for party {@code name} of a rendezvous {@code group} of {@code parties} commands. */
    public static String command(String group, String name, int parties) {
        String markers = ".rendezvous-" + group + "-*";
        return "touch .rendezvous-" + group + "-" + name + "; n=0; "
                + "while [ \"$(ls -d " + markers + " | wc -l)\" -lt " + parties + " ] && [ $n -lt 100 ]; do "
                + "sleep 0.1; n=$((n+1)); done; "
                + "echo \"" + name + ": $(ls -d " + markers + " | wc -l) of " + parties + " started\"";
    }

    /** What {@link #command} prints when all parties overlapped. */
    public static String allStarted(String name, int parties) {
        return name + ": " + parties + " of " + parties + " started";
    }
}
