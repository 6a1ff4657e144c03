package io.nightshift.runtime;

/**
 * Input the runtime cannot use at all: a missing or unreadable file, bytes that are not UTF-8, DOT that does not
 * parse, a run directory that cannot be resumed. The message is one line, ready to print; the CLI exits with 2.
 */
public final class UnusableInputException extends RuntimeException {

    public UnusableInputException(String message) {
        super(message);
    }

    public UnusableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
