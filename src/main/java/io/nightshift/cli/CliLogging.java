package io.nightshift.cli;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Logging for the commands that run without Quarkus (all but {@code serve}), as application.properties sets it up
 * for {@code serve}: stdout stays the command's own, libraries' warnings and errors go to stderr on one line each,
 * and the SSH transport's refusals (which the workspace reports in a sentence) only when they are errors.
 */
final class CliLogging {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** Held so that the levels set on them stay (the logging framework keeps loggers weakly). */
    private static List<Logger> configured = List.of();

    private CliLogging() {
    }

    static synchronized void configure() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler stderr = new ConsoleHandler();
        stderr.setLevel(Level.ALL);
        stderr.setFormatter(new OneLine());
        root.addHandler(stderr);
        root.setLevel(Level.WARNING);
        Logger sshd = Logger.getLogger("org.apache.sshd");
        sshd.setLevel(Level.SEVERE);
        Logger jgitSshd = Logger.getLogger("org.eclipse.jgit.internal.transport.sshd");
        jgitSshd.setLevel(Level.SEVERE);
        configured = List.of(root, sshd, jgitSshd);
    }

    /** {@code 12:00:00 WARN  [o.e.jgit.Foo] message}, then the exception if any. */
    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder line = new StringBuilder(TIME.format(LocalTime.now())).append(' ')
                    .append(String.format("%-5s", r.getLevel().intValue() >= Level.SEVERE.intValue() ? "ERROR"
                            : r.getLevel().intValue() >= Level.WARNING.intValue() ? "WARN" : r.getLevel().getName()))
                    .append(" [").append(r.getLoggerName()).append("] ").append(formatMessage(r))
                    .append(System.lineSeparator());
            if (r.getThrown() != null) {
                line.append(r.getThrown()).append(System.lineSeparator());
            }
            return line.toString();
        }
    }
}
