package io.nightshift.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** DOT sources used by the server tests. */
final class Pipelines {

    private Pipelines() {
    }

    static String reviewGate() {
        try {
            return Files.readString(Path.of("agent-spec/pipelines/review-gate.dot"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A straight line of {@code stages} simulated stages. */
    static String linear(String name, int stages) {
        StringBuilder b = new StringBuilder("digraph " + name + " {\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n");
        String prev = "start";
        for (int i = 1; i <= stages; i++) {
            b.append("  s").append(i).append(" [prompt=\"step ").append(i).append("\"]\n");
            b.append("  ").append(prev).append(" -> s").append(i).append("\n");
            prev = "s" + i;
        }
        return b.append("  ").append(prev).append(" -> exit\n}\n").toString();
    }
}
