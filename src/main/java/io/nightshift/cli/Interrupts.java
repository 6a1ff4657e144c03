package io.nightshift.cli;

import sun.misc.Signal;

/**
 * Ctrl-C cancels the run instead of killing the JVM, so the engine writes its final checkpoint and the CLI exits
 * with 130. A second Ctrl-C exits at once.
 */
final class Interrupts {

    private Interrupts() {
    }

    static void onInterrupt(Runnable action) {
        onInterrupt("the run", action);
    }

    /** @param what what Ctrl-C stops, for the message ({@code the run}, {@code the judgment}) */
    static void onInterrupt(String what, Runnable action) {
        try {
            Signal.handle(new Signal("INT"), new sun.misc.SignalHandler() {
                private volatile boolean seen;

                @Override
                public void handle(Signal signal) {
                    if (seen) {
                        Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                    }
                    seen = true;
                    System.err.println();
                    System.err.println("nightshift: interrupted; stopping " + what + " (Ctrl-C again to quit at once)");
                    action.run();
                }
            });
        } catch (IllegalArgumentException unsupported) {
            // no SIGINT on this platform: the default handling applies
        }
    }
}
