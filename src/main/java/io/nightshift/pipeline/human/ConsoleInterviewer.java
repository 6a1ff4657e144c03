package io.nightshift.pipeline.human;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Asks on a terminal (attractor-spec 6.4). Lines are read by one daemon thread so that a question with a timeout
 * can give up waiting (6.5) without losing the line a late answer types. An unrecognised answer is asked again;
 * end of input skips the question.
 */
public final class ConsoleInterviewer implements Interviewer {

    private static final String EOF = "\u0000eof";

    private final PrintStream out;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    public ConsoleInterviewer(InputStream in, PrintStream out) {
        this.out = out;
        Thread reader = new Thread(() -> pump(in), "console-interviewer");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public synchronized Answer ask(Question question) {
        out.println();
        out.println("[?] " + question.text() + (question.stage() == null ? "" : "  (stage " + question.stage() + ")"));
        while (true) {
            switch (question.type()) {
                case MULTIPLE_CHOICE -> {
                    for (Option o : question.options()) {
                        out.println("  [" + o.key() + "] " + o.label());
                    }
                    out.print("Select: ");
                }
                case YES_NO, CONFIRMATION -> out.print("[Y/N]: ");
                case FREEFORM -> out.print("> ");
            }
            out.flush();
            Optional<String> line = readLine(question.timeoutSeconds());
            if (line.isEmpty()) {
                out.println();
                out.println("(no answer in time)");
                return question.defaultAnswer() != null ? question.defaultAnswer() : Answer.timeout();
            }
            if (line.get() == EOF) {
                return Answer.skipped();
            }
            Optional<Answer> answer = interpret(question, line.get().strip());
            if (answer.isPresent()) {
                return answer.get();
            }
            out.println("'" + line.get().strip() + "' is not one of the choices; try again.");
        }
    }

    @Override
    public void inform(String message, String stage) {
        out.println("[i] " + message);
    }

    static Optional<Answer> interpret(Question question, String input) {
        switch (question.type()) {
            case FREEFORM -> {
                return Optional.of(Answer.freeform(input));
            }
            case YES_NO, CONFIRMATION -> {
                String v = input.toLowerCase(Locale.ROOT);
                if (v.equals("y") || v.equals("yes")) {
                    return Optional.of(Answer.yes());
                }
                if (v.equals("n") || v.equals("no")) {
                    return Optional.of(Answer.no());
                }
                return Optional.empty();
            }
            case MULTIPLE_CHOICE -> {
                for (Option o : question.options()) {
                    if (o.key().equalsIgnoreCase(input) || o.label().equalsIgnoreCase(input)) {
                        return Optional.of(Answer.option(o));
                    }
                }
                try {
                    int index = Integer.parseInt(input);
                    if (index >= 1 && index <= question.options().size()) {
                        return Optional.of(Answer.option(question.options().get(index - 1)));
                    }
                } catch (NumberFormatException notANumber) {
                    // fall through: not a choice
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Optional<String> readLine(Double timeoutSeconds) {
        try {
            if (timeoutSeconds == null || timeoutSeconds <= 0) {
                return Optional.of(lines.take());
            }
            return Optional.ofNullable(lines.poll((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(EOF);
        }
    }

    private void pump(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException closed) {
            // end of input: fall through to EOF
        }
        lines.add(EOF);
    }
}
