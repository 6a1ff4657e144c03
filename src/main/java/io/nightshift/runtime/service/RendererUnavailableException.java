package io.nightshift.runtime.service;

/** The graph cannot be drawn on this machine (Graphviz {@code dot} is missing or failed); retryable once installed. */
public final class RendererUnavailableException extends ServiceException {

    public RendererUnavailableException(String message) {
        super(message, true);
    }
}
