package io.nightshift.runtime.worker;

/** The service refused a write for a run (HTTP 409 or 404): this worker no longer holds it and must stop. */
final class FencedException extends Exception {

    FencedException(String message) {
        super(message);
    }
}
