package io.nightshift.harness.store;

/** The store refused a request or answered something unreadable; the message is one line, ready to print. */
public final class ScenarioStoreException extends RuntimeException {

    public ScenarioStoreException(String message) {
        super(message);
    }

    public ScenarioStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
