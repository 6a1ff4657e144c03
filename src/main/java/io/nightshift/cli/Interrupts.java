package io.nightshift.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM cancel the run instead of killing the JVM, so the engine writes its final
 * checkpoint, the sandboxes are removed, and the CLI exits as a shell reports a process the signal stopped:
 * 128 + the signal's number, 130 for SIGINT and 143 for SIGTERM ({@link #exitCode}). A second signal exits at once.
 *
 * <p>A process started with SIGINT ignored (a non-interactive shell's {@code command &}, nohup) keeps ignoring it,
 * as POSIX intends, and the JVM installs no handler for it; SIGTERM, what service managers and job runners send,
 * still stops it cleanly.
 */
final class Interrupts {

    private static volatile Signal received;

    private Interrupts() {
    }

    static void onInterrupt(Runnable action) {
        onInterrupt("the run", action);
    }

    /** @param what what the signal stops, for the message ({@code the run}, {@code the judgment}) */
    static void onInterrupt(String what, Runnable action) {
        SignalHandler handler = signal -> {
            if (received != null) {
                Runtime.getRuntime().halt(exitCode(signal));
            }
            received = signal;
            boolean ctrlC = signal.getName().equals("INT");
            System.err.println();
            System.err.println("nightshift: interrupted" + (ctrlC ? "" : " (SIG" + signal.getName() + ")") + "; stopping "
                    + what + " (" + (ctrlC ? "Ctrl-C" : "the signal") + " again to quit at once)");
            action.run();
        };
        install("INT", handler);
        install("TERM", handler);
    }

    /** The signal that stopped the run, as {@code SIGINT} or {@code SIGTERM}; SIGINT before any arrived. */
    static String signalName() {
        Signal signal = received;
        return "SIG" + (signal == null ? "INT" : signal.getName());
    }

    /** The exit code of a run or judgment a signal stopped: 128 + its number (130 before any signal arrived). */
    static int exitCode() {
        Signal signal = received;
        return signal == null ? ExitCodes.INTERRUPTED : exitCode(signal);
    }

    private static int exitCode(Signal signal) {
        return 128 + signal.getNumber();
    }

    private static void install(String name, SignalHandler handler) {
        try {
            Signal.handle(new Signal(name), handler);
        } catch (IllegalArgumentException unsupported) {
            // no such signal on this platform: the default handling applies
        }
    }
}
