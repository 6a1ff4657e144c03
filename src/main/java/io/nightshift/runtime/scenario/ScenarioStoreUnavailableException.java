package io.nightshift.runtime.scenario;

/**
 * The store cannot be used: Docker is not reachable, the store image is missing, or the store refused a request.
 * The message is ready to print and says how to fix it.
 */
public final class ScenarioStoreUnavailableException extends RuntimeException {

    public ScenarioStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
