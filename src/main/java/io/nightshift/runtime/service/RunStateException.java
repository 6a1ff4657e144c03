package io.nightshift.runtime.service;

/** The run exists but is in a state that does not allow the request (e.g. resuming a run that succeeded). */
public final class RunStateException extends ServiceException {

    private final RunState state;

    public RunStateException(String message, RunState state) {
        super(message, false);
        this.state = state;
    }

    public RunState state() {
        return state;
    }
}
